// A time range that starts or ends inside a minute must count the sessions in it, not whole rollup
// buckets: the minute-granularity rollup dropped a partial first minute and added the rest of the
// last one (found when a ClickHouse pull's span, switched to locally, showed 489 of 490 sessions).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpiSummary } from '../../../src-main/core/analytics/kpis.js';
import { planFor } from '../../../src-main/core/analytics/plan.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { generatedCsv } from '../../helpers/generated-csv.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

describe('Overview over a range that is not on whole minutes', () => {
  it('counts exactly the sessions in the range', async () => {
    const dir = tempDir();
    const db = openDatabase(path.join(dir, 'r.db'));
    await runImport(db, {
      file: await generatedCsv(dir, 'g.csv', 8_000, 11),
      enrich: false,
      parser: 'inline',
    });
    const times = db.prepare('SELECT start_ts FROM sessions ORDER BY start_ts').pluck().all() as number[];
    // Cut inside the minute of a session a quarter and three quarters of the way through the data,
    // just after it starts and just after the next one starts, so both edge minutes are partial.
    const cut = (at: number) => (times[Math.floor(times.length * at)] as number) + 1;
    const from = cut(0.25);
    const to = cut(0.75);
    expect(from % 60_000).not.toBe(0);
    const truth = db
      .prepare('SELECT count(*) FROM sessions WHERE start_ts >= ? AND start_ts < ?')
      .pluck()
      .get(from, to) as number;
    expect(kpiSummary(db, { from, to }).sessions).toBe(truth);

    // Whole minutes still go to the rollups (and agree with the sessions).
    const minuteFrom = Math.floor(from / 60_000) * 60_000;
    const minuteTo = Math.ceil(to / 60_000) * 60_000;
    expect(planFor({ from: minuteFrom, to: minuteTo }).kind).toBe('rollup');
    const wholeTruth = db
      .prepare('SELECT count(*) FROM sessions WHERE start_ts >= ? AND start_ts < ?')
      .pluck()
      .get(minuteFrom, minuteTo) as number;
    expect(kpiSummary(db, { from: minuteFrom, to: minuteTo }).sessions).toBe(wholeTruth);
    db.close();
  });
});
