// "Pivots from any value": each Overview chart element's click adds clauses (chart-pivots.ts) that
// must count what the element showed. Generated combined + CloudWatch data in one real workspace:
// web requests without a detection type or a country beside CloudWatch rows that carry a status
// code but are no web request, so a "(no type)" segment, an "(unknown)" country and a 4xx bar
// each have a neighbour a looser filter would also count.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typeByCountry } from '../../../src-main/core/analytics/countries.js';
import { kpiSummary } from '../../../src-main/core/analytics/kpis.js';
import { webRequestsOverview } from '../../../src-main/core/analytics/web-requests.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { generateTraffic } from '../../../src-main/core/generate/generate.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { segmentClauses, statusClassClauses } from '../../../src-renderer/views/overview/chart-pivots.js';
import { typeStacks } from '../../../src-renderer/views/overview/type-stacks.js';
import type { FilterClause } from '../../../src-shared/filter/index.js';
import { STATUS_CLASSES } from '../../../src-shared/web-requests.js';
import { GENERATED_START } from '../../helpers/generated-csv.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

const count = (clauses: FilterClause[]) => kpiSummary(db, { clauses }).sessions;

beforeAll(async () => {
  const dir = tempDir();
  db = openDatabase(path.join(dir, 'both.db'));
  for (const [format, seed] of [
    ['combined', 1],
    ['cloudwatch-csv', 2],
  ] as const) {
    const out = path.join(dir, `${format}.log`);
    await generateTraffic({
      rows: 3000,
      seed,
      out,
      format,
      start: GENERATED_START,
      days: 2,
      attackRate: 0.05,
    });
    // No GeoIP: the access log's sessions keep no country, the "(unknown)" bar.
    await runImport(db, { file: out, format, enrich: false, parser: 'inline' });
  }
}, 60_000);

afterAll(() => db?.close());

describe('Overview pivots count what the chart element showed', () => {
  it('type × country: every segment, "(no type)" and "(unknown)" included', () => {
    const { countries, stacks } = typeStacks(typeByCountry(db, {}).cells);
    // The data has both kinds of segment this test is about.
    expect(stacks.some((s) => s.name === '(no type)')).toBe(true);
    expect(countries).toContain('');
    for (const stack of stacks)
      countries.forEach((country, i) => {
        const shown = stack.values[i] ?? 0;
        if (shown === 0) return;
        const clauses = segmentClauses(country, stack.term);
        expect({ country, type: stack.name, count: count(clauses) }).toEqual({
          country,
          type: stack.name,
          count: shown,
        });
      });
  });

  it('status classes: a class bar counts the web requests of that class, not CloudWatch rows', () => {
    const web = webRequestsOverview(db, {});
    STATUS_CLASSES.forEach((statusClass, i) => {
      const shown = web.statusSeries.reduce((sum, point) => sum + (point.counts[i] ?? 0), 0);
      expect({ statusClass, count: count(statusClassClauses(statusClass)) }).toEqual({
        statusClass,
        count: shown,
      });
    });
  });
});
