// The case's activity chart drawn for real by ECharts: the same time axis as the Overview's, so a
// case read on a machine far from UTC shows UTC hours, says so, and names the month of its days.
process.env.TZ = 'Pacific/Auckland';

import { describe, expect, it } from 'vitest';
import type { EChartsOption } from '../../src-renderer/charts/echarts.js';
import { caseSeriesOption } from '../../src-renderer/views/cases/CaseCharts.js';
import { TEST_THEME } from '../helpers/chart-theme.js';
import { drawnTexts } from '../helpers/drawn-texts.js';

const HOUR = 3_600_000;
const buckets = (from: number, step: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ bucket: from + i * step, sessions: 5, malicious: i % 2 }));

describe('the case activity chart', () => {
  it('labels days with their month, hours in UTC, and says UTC', () => {
    const days = drawnTexts(
      caseSeriesOption(buckets(Date.UTC(2024, 3, 26), 6 * HOUR, 12))(TEST_THEME) as EChartsOption,
    );
    expect(days).toContain('27 Apr');
    expect(days).toContain('UTC');
    const hours = drawnTexts(
      caseSeriesOption(buckets(Date.UTC(2024, 3, 27, 1), HOUR, 7))(TEST_THEME) as EChartsOption,
    );
    expect(hours).toContain('03:00');
    expect(hours).not.toContain('15:00'); // 03:00 UTC in Auckland
  });
});
