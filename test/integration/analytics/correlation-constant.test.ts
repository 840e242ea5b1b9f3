// The correlation heatmap on the embedded sample, whose 282 sessions all last 10 minutes: the log
// of that duration is the same number in every row, but its mean, summed in floating point, is
// not (off by 2e-14), so a test for zero variance saw a varying feature and the heatmap showed a
// "log duration" row of 0s (noise of that rounding) instead of leaving the feature out.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlation } from '../../../src-main/core/analytics/correlation.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { createTempDirs, SAMPLE } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

beforeAll(async () => {
  db = openDatabase(path.join(tempDir(), 'sample.db'));
  await runImport(db, { file: SAMPLE, enrich: false });
});

afterAll(() => db.close());

describe('correlation over a feature that is the same in every sampled session', () => {
  it('gives it no r at all (null), with itself or any other feature', () => {
    const durations = db.prepare('SELECT DISTINCT end_ts - start_ts FROM sessions').pluck().all();
    expect(durations).toEqual([600_000]);
    const result = correlation(db, {});
    expect(result.sampleSize).toBe(282);
    const at = result.features.indexOf('log duration');
    expect(result.matrix[at]).toEqual(result.features.map(() => null));
    expect(result.matrix.map((row) => row[at])).toEqual(result.features.map(() => null));
    // The features that vary keep their r.
    const bytesIn = result.features.indexOf('log bytes in');
    expect(result.matrix[bytesIn]?.[bytesIn]).toBeCloseTo(1, 9);
  });
});
