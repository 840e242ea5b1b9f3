// The report's "Sessions per hour / day" chart keeps time to scale: an hour (or day) without
// sessions is an empty slot on its axis, as on the case view's time axis. Before, only the buckets
// that held sessions were drawn, side by side: a burst at 00:00 and another at 10:00 read as two
// consecutive hours, and a case's quiet stretches vanished from its evidence.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { gatherCaseReport } from '../../../src-main/core/reports/case-data.js';
import { timelineChart } from '../../../src-main/core/reports/charts.js';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 4, 1);
let db: Db;
let caseId: number;

beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'v.db'));
  // 5 sessions in the hour from 00:00, 3 in the hour from 10:00, none between.
  const ids = insertSessions(db, [
    ...Array.from({ length: 5 }, (_, i) => ({ startTs: T0 + i * 60_000, srcIp: '203.0.113.7' })),
    ...Array.from({ length: 3 }, (_, i) => ({ startTs: T0 + 10 * HOUR + i * 60_000, srcIp: '203.0.113.8' })),
  ]);
  caseId = createCase(db, 'ana', { title: 'Gaps', severity: 'low', summary: '', sessionIds: ids, ips: [] });
});
afterAll(() => db.close());

/** The bars of the chart (ECharts' SVG: one path per bar, in the series colour), left to right. */
function bars(svg: string): { left: number; width: number; height: number }[] {
  return [...svg.matchAll(/<path d="M([\d.]+) [\d.]+l([\d.]+) 0l0 -([\d.]+)[^"]*" fill="#3b6fb6"/g)]
    .map((m) => ({ left: Number(m[1]), width: Number(m[2]), height: Number(m[3]) }))
    .filter((bar) => bar.height > 0)
    .sort((a, b) => a.left - b.left);
}

describe("the report's sessions-over-time chart", () => {
  it('leaves an empty slot for each hour without sessions, so the bars stand 10 hours apart', () => {
    const { totals } = gatherCaseReport(db, caseId, '1').data;
    expect(totals.timeline?.step).toBe(HOUR);
    const svg = timelineChart(totals.timeline);
    expect(svg).not.toBeNull();
    const drawn = bars(svg as string);
    expect(drawn).toHaveLength(2);
    const [first, last] = drawn as [(typeof drawn)[0], (typeof drawn)[0]];
    // Ten slots from one bar to the other: at least ten bar widths between their left edges.
    expect((last.left - first.left) / first.width).toBeGreaterThanOrEqual(10);
    // Hours between them are on the axis (ECharts labels every other one at this width).
    expect(svg).toContain('>2024-05-01 04<');
  });
});
