// The Isolation Forest learns no labels: given verdicts, it must still fit on the traffic (every
// session on the split's training side, labelled or not), as it does without labels, and use the
// verdicts only to evaluate. It was fitted on the few labelled training sessions alone: three
// attacking sources and a dozen spot checks, so it learnt the attacks as normal.

import { describe, expect, it } from 'vitest';
import { runArtifacts } from '../../../src-main/core/db/model-runs.js';
import { unpackWeights } from '../../../src-main/core/ml/models/codec.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { giveFewVerdicts } from './few-verdicts.js';
import { sharedGeneratedDb } from './harness.js';

const data = sharedGeneratedDb({ rows: 6_000, seed: 3, days: 2, attackRate: 0.04 });

/** How many rows the run's forest was fitted on: asked for more samples than exist, it takes them all. */
function fittedRows(runId: number): number {
  const db = data.db();
  const artifacts = runArtifacts(db, runId);
  if (!artifacts) throw new Error(`run ${runId} has no weights`);
  const { meta } = unpackWeights(artifacts.weights);
  return (meta as { params: { maxSamples: number } }).params.maxSamples;
}

describe('iforest --labels verdicts', () => {
  it('fits on every session of the training side, labelled or not, never on the held-out side', async () => {
    const db = data.db();
    const { sessions, labelled } = giveFewVerdicts(db);
    expect(labelled).toBeLessThan(sessions / 10);

    for (const split of ['ip', 'time', 'random'] as const) {
      const run = await trainRun(db, {
        kind: 'iforest',
        labels: { type: 'verdicts' },
        split,
        params: { trees: 2, seed: 1, maxSamples: 1_000_000 },
      });
      const fitted = fittedRows(run.id);
      const metrics = run.metrics!;
      // The traffic, not the labelled few: far more than every labelled session.
      expect(fitted, split).toBeGreaterThan(labelled);
      expect(fitted, split).toBeGreaterThan(sessions / 2);
      // The held-out sessions stay out of the fit, and the run says what it was fitted on.
      expect(fitted + metrics.testRows, split).toBeLessThanOrEqual(sessions);
      expect(metrics.trainRows, split).toBe(fitted);
    }
  }, 120_000);
});
