// Warnings about the detection set (src-shared/detection-set.ts: what "flagged" means in every
// view; its name comes from there too): an active run that floods it.
import { formatShare } from '../../src-shared/count-words.js';
import { USEFUL_PRECISION } from '../../src-shared/metric-gain.js';
import type { ModelRun } from '../../src-shared/models.js';

// A run that flags a fifth of the traffic while under one in ten of its flags is right buries the
// flags of every other run in the union: the analyst should hear of it where runs are chosen.
const LARGE_SHARE = 0.2;
// Under the precision the Models view's gains also need (src-shared/metric-gain.ts).
const LOW_PRECISION = USEFUL_PRECISION;

/** Why an active run floods the flagged set, or null: a large share flagged at low precision. */
export function floodWarning(run: ModelRun): string | null {
  if (!run.active || run.scoredSessions === 0) return null;
  const share = run.flaggedSessions / run.scoredSessions;
  const precision = run.metrics?.model.precision;
  if (share < LARGE_SHARE || precision === undefined || precision >= LOW_PRECISION) return null;
  return `${run.kind} #${run.id} is active and flags ${formatShare(share, 1)} of the sessions it scored at a precision of ${precision.toFixed(3)}: most of what counts as flagged comes from it and is likely benign. Make another run of its kind active, switch the kind off (top bar, Flagged by), or train one with a lower flag rate.`;
}
