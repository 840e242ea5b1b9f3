// A run says how many sessions its model was fitted on. A classifier whose threshold is chosen on a
// validation slice is fitted on the training side less that slice (and, split by time, less the
// window's gap before it), but every run said "trained on N sessions" counting the whole training
// side: on the generated week below, labelled by its rule hits and split by time, thousands of
// sessions more than the model ever saw. A run stored before the figure was kept says what it has.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runJson } from '../../../src-main/cli/model-output.js';
import { getRun } from '../../../src-main/core/db/model-runs.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { DEFAULT_WINDOW_MS } from '../../../src-main/core/features/index.js';
import { pick, splitRows } from '../../../src-main/core/ml/evaluate/index.js';
import { validationSplit } from '../../../src-main/core/ml/train/validation.js';
import { formatCount } from '../../../src-shared/count-words.js';
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

const positives = (label: Uint8Array, rows: Int32Array) => pick(label, rows).reduce((n, y) => n + y, 0);

describe('how many sessions a run was fitted on', () => {
  it('counts the rows fitted on and the validation slice apart, through the worker threads', async () => {
    const { jobs, runId } = await trainThroughWorkers(dbPath, TIME_SPLIT_RULE_HITS_RF);
    const db = openDatabase(dbPath);
    try {
      const run = getRun(db, runId)!;
      const metrics = run.metrics!;
      expect(metrics.thresholdFrom).toBe('validation');

      // The split and its validation slice rebuilt as the run drew them (seed 1, the window's gap).
      const raw = await rawOfTimeSplitRun(db);
      const options = { seed: 1, gapMs: DEFAULT_WINDOW_MS };
      const split = splitRows(raw, 'time', options);
      const inner = validationSplit(raw, split, options)!;
      const fitted = { rows: inner.train.length, positives: positives(raw.label, inner.train) };
      const validation = { rows: inner.test.length, positives: positives(raw.label, inner.test) };
      expect(metrics.trainRows).toBe(split.train.length);
      expect(fitted.rows + validation.rows).toBeLessThan(split.train.length);
      expect(metrics.fitted).toEqual(fitted);
      expect(metrics.validation).toEqual(validation);

      // Every place the CLI says it (vigil train, vigil models --run N, their --json).
      const words = describeRun(run);
      expect(words).toContain(
        `fitted on ${formatCount(fitted.rows)} sessions (${formatCount(fitted.positives)} malicious), ` +
          `threshold chosen on ${formatCount(validation.rows)} later sessions of the training side ` +
          `(${formatCount(validation.positives)} malicious), not fitted on`,
      );
      expect(words).not.toContain(`trained on ${formatCount(split.train.length)}`);
      expect(words).not.toContain(`trained on ${split.train.length}`);
      expect(runJson(run).evaluation).toMatchObject({
        trainRows: split.train.length,
        fittedRows: fitted.rows,
        fittedPositives: fitted.positives,
        validationRows: validation.rows,
        validationPositives: validation.positives,
      });

      // A run stored before the figures were kept: the training side, said as such, nothing guessed.
      db.prepare(
        "UPDATE model_runs SET metrics = json_remove(metrics, '$.fitted', '$.validation') WHERE id = ?",
      ).run(run.id);
      const old = getRun(db, run.id)!;
      expect(old.metrics?.fitted).toBeUndefined();
      const oldWords = describeRun(old);
      expect(oldWords).toContain(
        `its training side held ${formatCount(split.train.length)} sessions (${formatCount(metrics.trainPositives)} malicious), ` +
          'less the validation slice that chose its threshold, not fitted on (its size was not recorded then)',
      );
      expect(oldWords).not.toMatch(/trained on|fitted on \d/);
      expect(runJson(old).evaluation).toMatchObject({ fittedRows: null, validationRows: null });
    } finally {
      await jobs.close();
      db.close();
    }
  }, 180_000);

  it('counts each threat kind fitted on, not the training side’s', async () => {
    const { jobs, runId } = await trainThroughWorkers(dbPath, {
      kind: 'rf',
      target: 'type',
      labels: { type: 'column', column: 'label' },
      split: 'random',
      params: { trees: 20, seed: 1 },
    });
    const db = openDatabase(dbPath);
    try {
      const run = getRun(db, runId)!;
      const metrics = run.metrics!;
      expect(metrics.thresholdFrom).toBe('validation');
      const perClass = metrics.multiclass!.perClass;
      const sum = (f: (c: (typeof perClass)[number]) => number) => perClass.reduce((n, c) => n + f(c), 0);
      // Every kind's fitted sessions add up to the rows fitted on; the side's to the whole side.
      expect(sum((c) => c.fitSupport!)).toBe(metrics.fitted!.rows);
      expect(sum((c) => c.trainSupport)).toBe(metrics.trainRows);
      expect(metrics.fitted!.rows).toBeLessThan(metrics.trainRows);
      const benign = perClass.find((c) => c.kind === 'benign')!;
      expect(benign.fitSupport).toBeLessThan(benign.trainSupport);
      expect(describeRun(run)).toMatch(/kind +test +fitted +precision/);
    } finally {
      await jobs.close();
      db.close();
    }
  }, 180_000);
});
