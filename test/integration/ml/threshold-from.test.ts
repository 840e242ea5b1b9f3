// A run says where its threshold came from. A classifier whose training side had too few
// attacks to set a validation slice apart is cut at the default 0.5, untuned: on the generated
// access log labelled by its rule hits and split by time, its held-out F1 read 0 beside a ROC-AUC
// near 0.99 with nothing saying why. That run is now tuned (its attacks all came before the usual
// validation slice, which now starts among them); an untuned run is one whose training side holds
// one burst of attacks.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRun } from '../../../src-main/cli/model-output.js';
import { getRun } from '../../../src-main/core/db/model-runs.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { DEFAULT_WINDOW_MS } from '../../../src-main/core/features/index.js';
import { splitRows } from '../../../src-main/core/ml/evaluate/index.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { thresholdFromInWords } from '../../../src-shared/threshold-words.js';
import { suiteDir } from './harness.js';
import {
  generatedWebDb,
  rawOfTimeSplitRun,
  TIME_SPLIT_RULE_HITS_RF,
  trainThroughWorkers,
} from './web-harness.js';

const dir = suiteDir();
let dbPath = '';

beforeAll(async () => {
  dbPath = await generatedWebDb(dir, { rows: 20_000, seed: 5, attackRate: 0.03, days: 7 });
}, 180_000);

describe('where a run threshold came from', () => {
  it('is said for a validated cut, a flag rate, and an untuned default', async () => {
    // The log's labels with one attack campaign left before the time split's cut: 60 xss requests
    // of one source within a minute. No cut by time leaves attacks on both sides of its gap.
    const oneBurst = path.join(dir, 'one-burst.db');
    fs.copyFileSync(dbPath, oneBurst);
    const burst = openDatabase(oneBurst);
    try {
      burst.exec(
        "UPDATE sessions SET label = 'benign' WHERE label IN ('enumeration', 'credential_stuffing', 'cmdi', 'traversal')",
      );
      const untuned = await trainRun(burst, {
        kind: 'rf',
        labels: { type: 'column', column: 'label' },
        split: 'time',
        params: { trees: 20, seed: 1 },
      });
      expect(untuned.metrics?.trainPositives).toBe(60);
      expect(untuned.metrics?.thresholdFrom).toBe('default');
      expect(untuned.metrics?.model.threshold).toBe(0.5);
      expect(describeRun(untuned)).toContain('threshold 0.500 (the default 0.5, not tuned');
    } finally {
      burst.close();
    }

    const db = openDatabase(dbPath);
    try {
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

  it('is tuned on a later validation slice when the attacks by time all precede the training side’s last quarter', async () => {
    // The run the test above used to show untuned, labelled by the rule hits and split by time,
    // here through the app's worker threads: its training side (to hour 132 of 168) holds 170 rule-hit sessions from four
    // campaigns, the last at hour 98, so the usual validation slice (the side's last quarter of
    // sessions, from hour 105) held no attack and the run was cut at 0.5, untuned, its held-out F1
    // 0 beside a ROC-AUC of 0.9.
    const { jobs, runId } = await trainThroughWorkers(dbPath, TIME_SPLIT_RULE_HITS_RF);
    const db = openDatabase(dbPath);
    try {
      expect(await jobs.wait(jobs.score(runId))).toMatchObject({ state: 'done', error: null });
      const run = getRun(db, runId)!;
      const metrics = run.metrics!;
      expect(metrics.thresholdFrom).toBe('validation');
      expect(describeRun(run)).toContain('chosen for the best F1 on a validation slice');
      expect(metrics.model.threshold).toBe(run.threshold);
      expect(metrics.trainPositives).toBeGreaterThanOrEqual(100);

      // The held-out figures are those of the stored scores at the chosen cut: the test side
      // rebuilt as the run split it, every one of its sessions counted against its score.
      const raw = await rawOfTimeSplitRun(db);
      const test = splitRows(raw, 'time', { seed: 1, gapMs: DEFAULT_WINDOW_MS }).test;
      const scoreOf = new Map(
        (
          db.prepare('SELECT session_id AS id, score, flagged FROM scores WHERE run_id = ?').all(runId) as {
            id: number;
            score: number;
            flagged: number;
          }[]
        ).map((s) => [s.id, s]),
      );
      const confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
      for (const r of test) {
        const flagged = scoreOf.get(raw.sessionId[r]!)!.score >= run.threshold!;
        const key = raw.label[r] === 1 ? (flagged ? 'tp' : 'fn') : flagged ? 'fp' : 'tn';
        confusion[key]++;
      }
      expect(metrics.model.confusion).toEqual(confusion);
      expect(metrics.testRows).toBe(test.length);
      const flagged = [...scoreOf.values()].filter((s) => s.flagged === 1).length;
      expect(metrics.population?.flagged).toBe(flagged);
      // Tuned, the cut finds attacks on the later traffic that 0.5 missed altogether.
      expect(metrics.model.confusion.tp).toBeGreaterThan(0);
      expect(metrics.model.f1).toBeGreaterThan(0);
    } finally {
      await jobs.close();
      db.close();
    }
  }, 180_000);
});
