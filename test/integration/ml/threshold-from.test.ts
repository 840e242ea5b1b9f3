// A run says where its threshold came from. A classifier whose training side had too few
// attacking sources to set a validation slice apart is cut at the default 0.5, untuned: on the
// generated access log labelled by its rule hits and split by time, its held-out F1 read 0 beside a
// ROC-AUC near 0.99 with nothing saying why.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRun } from '../../../src-main/cli/model-output.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { thresholdFromInWords } from '../../../src-shared/threshold-words.js';
import { suiteDir } from './harness.js';
import { generatedWebDb } from './web-harness.js';

const dir = suiteDir();
let dbPath = '';

beforeAll(async () => {
  dbPath = await generatedWebDb(dir, { rows: 20_000, seed: 5, attackRate: 0.03, days: 7 });
}, 180_000);

describe('where a run threshold came from', () => {
  it('is said for a validated cut, a flag rate, and an untuned default', async () => {
    const db = openDatabase(dbPath);
    try {
      const untuned = await trainRun(db, {
        kind: 'rf',
        labels: { type: 'rule-hits' },
        split: 'time',
        params: { trees: 20, seed: 1 },
      });
      expect(untuned.metrics?.thresholdFrom).toBe('default');
      expect(untuned.metrics?.model.threshold).toBe(0.5);
      expect(describeRun(untuned)).toContain('threshold 0.500 (the default 0.5, not tuned');

      const rated = await trainRun(db, {
        kind: 'rf',
        labels: { type: 'rule-hits' },
        split: 'time',
        params: { trees: 20, seed: 1, flagRate: 0.02 },
      });
      expect(rated.metrics?.thresholdFrom).toBe('flag-rate');

      const validated = await trainRun(db, {
        kind: 'rf',
        labels: { type: 'column', column: 'label' },
        split: 'random',
        params: { trees: 20, seed: 1 },
      });
      expect(validated.metrics?.thresholdFrom).toBe('validation');
      expect(thresholdFromInWords('validation', 'rf')).toMatch(/validation slice/);
    } finally {
      db.close();
    }
  }, 180_000);
});
