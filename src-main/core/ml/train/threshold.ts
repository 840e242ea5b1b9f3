// Where "flagged" starts. Scores are oriented higher = more suspicious for every kind.
import type { ModelKind, ModelParams, ThresholdFrom } from '../../../../src-shared/models.js';
import { SPARSE_LABEL_SHARE } from '../../../../src-shared/run-population.js';
import { bestF1Threshold, pick, populationThreshold } from '../evaluate/index.js';
import { percentile } from '../forest/index.js';

/** sklearn's contamination='auto' offset −0.5, in our orientation (score = −score_samples). */
const ISOLATION_AUTO = 0.5;
/** A classifier's probability: flagged when malicious is the likelier class. */
const CLASSIFIER_DEFAULT = 0.5;

/**
 * A flag rate (or an Isolation Forest's contamination) becomes the matching quantile of the
 * training rows' scores; otherwise each kind's natural cut.
 */
export function chooseThreshold(
  kind: ModelKind,
  params: ModelParams,
  trainScores: ArrayLike<number>,
): number {
  const rate = params.flagRate ?? (kind === 'iforest' ? params.contamination : undefined);
  if (rate !== undefined) return percentile(trainScores, 100 * (1 - rate));
  return kind === 'iforest' ? ISOLATION_AUTO : CLASSIFIER_DEFAULT;
}

/**
 * The rows whose scores a flag rate is a quantile of. Labels on most sessions: the fitted rows
 * (the traffic of the training side). Sparse labels: the fitted rows are the few chosen ones,
 * mostly malicious, so every row not held out for testing — the run flags the traffic.
 */
export function flagRateRows(label: Uint8Array, fit: Int32Array, test: Int32Array | null): Int32Array {
  if (labelsCoverMost(label)) return fit;
  const held = new Uint8Array(label.length);
  for (const r of test ?? []) held[r] = 1;
  const rows: number[] = [];
  for (let r = 0; r < label.length; r++) if (!held[r]) rows.push(r);
  return Int32Array.from(rows);
}

/** Labels on most sessions (the traffic), not a few someone chose (src-shared/run-population.ts). */
function labelsCoverMost(label: Uint8Array): boolean {
  return labelledCount(label) >= SPARSE_LABEL_SHARE * label.length;
}

/** Rows with a label (0 or 1; unlabelled rows hold UNLABELLED). */
export function labelledCount(label: Uint8Array): number {
  let n = 0;
  for (const y of label) if (y <= 1) n++;
  return n;
}

/**
 * A supervised run's cut, chosen on the validation rows (`validation`, labelled) of the training
 * side. Labels covering most sessions: the F1 cut on them. Sparse labels: the cut that best trades
 * the validation's malicious rows caught against the share of every unseen row it flags (rows
 * neither fitted on nor in `test`), as the run will flag the traffic, not the labels.
 */
export function validatedThreshold(
  scores: Float64Array,
  label: Uint8Array,
  validation: Int32Array,
  seen: { fit: Int32Array; test: Int32Array },
): number {
  const validationLabels = pick(label, validation);
  // Labels on most sessions are the traffic; on fewer, a sample someone chose (verdicts, a few
  // filled-in cells), and the cut is judged on all the sessions it flags.
  if (labelsCoverMost(label)) return bestF1Threshold(pick(scores, validation), validationLabels);
  const positives = Array.from(validation).filter((r) => label[r] === 1);
  const known = new Uint8Array(label.length);
  for (const r of seen.fit) known[r] = 1;
  for (const r of seen.test) known[r] = 1;
  const population: number[] = [];
  for (let r = 0; r < label.length; r++) if (!known[r]) population.push(scores[r] ?? 0);
  return populationThreshold(pick(scores, Int32Array.from(positives)), population);
}

/**
 * Where a run's cut came from, for the run to say (src-shared/threshold-words.ts): chosen on a
 * validation slice, against all sessions (sparse labels), a flag rate's quantile, or the kind's
 * default — for a classifier, because the training side's attacks were too few (by time, one burst)
 * to set a validation slice apart (validation.ts).
 */
export function thresholdFrom(
  kind: ModelKind,
  params: ModelParams,
  validated: boolean,
  label: Uint8Array,
): ThresholdFrom {
  if (validated) return labelsCoverMost(label) ? 'validation' : 'population';
  const rate = params.flagRate ?? (kind === 'iforest' ? params.contamination : undefined);
  return rate !== undefined ? 'flag-rate' : 'default';
}
