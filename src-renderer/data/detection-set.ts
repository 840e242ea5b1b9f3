// Warnings about the detection set (src-shared/detection-set.ts: what "flagged" means in every
// view; its name comes from there too): an active run that floods it.
import { countOf, formatShare } from '../../src-shared/count-words.js';
import { scoreCommand } from '../../src-shared/detection-set.js';
import { USEFUL_PRECISION } from '../../src-shared/metric-gain.js';
import type { ModelRun } from '../../src-shared/models.js';
import { LARGE_FLAG_SHARE, sparseLabels } from '../../src-shared/run-population.js';

// A run that flags a fifth of the traffic while under one in ten of its flags is right buries the
// flags of every other run in the union: the analyst should hear of it where runs are chosen. So
// does one trained on a few chosen labels (verdicts), whose held-out precision describes those
// labels, not the traffic it flags (src-shared/run-population.ts).
const LARGE_SHARE = LARGE_FLAG_SHARE;
// Under the precision the Models view's gains also need (src-shared/metric-gain.ts).
const LOW_PRECISION = USEFUL_PRECISION;
const REMEDY =
  'Make another run of its kind active, switch the kind off (top bar, Flagged by), or train one with a lower flag rate.';

/**
 * Why an active run flags nothing, or null: trained and made active, it has not scored the
 * sessions yet (flags come from scores), so its kind adds nothing to the flagged set until then.
 */
export function unscoredWarning(run: ModelRun): string | null {
  if (!run.active || run.scoredSessions > 0) return null;
  return `${run.kind} #${run.id} is active but has not scored the sessions, so it flags none: score it in Models (${scoreCommand(run)}).`;
}

/** Why an active run floods the flagged set, or null: a large share flagged at low or unknown precision. */
export function floodWarning(run: ModelRun): string | null {
  if (!run.active || run.scoredSessions === 0) return null;
  const share = run.flaggedSessions / run.scoredSessions;
  const precision = run.metrics?.model.precision;
  if (share < LARGE_SHARE || precision === undefined) return null;
  const flags = `${run.kind} #${run.id} is active and flags ${formatShare(share, 1)} of the sessions it scored`;
  const population = run.metrics?.population;
  if (precision >= LOW_PRECISION && population && sparseLabels(population))
    return `${flags}; its held-out precision of ${precision.toFixed(3)} was measured on ${countOf(run.metrics?.testRows ?? 0, 'labelled session')} only, not on the traffic: most of what counts as flagged may be benign. ${REMEDY}`;
  if (precision >= LOW_PRECISION) return null;
  return `${flags} at a precision of ${precision.toFixed(3)}: most of what counts as flagged comes from it and is likely benign. ${REMEDY}`;
}
