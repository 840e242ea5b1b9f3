// Turning scores into flags. sklearn's convention: decision = score − offset, negative = outlier,
// where the offset is −0.5 ('auto') or the contamination quantile of the training scores.

import { must } from '../../../../src-shared/must.js';
import { scoreSamples } from './isolation-score.js';
import type { IsolationForestModel } from './isolation-types.js';
import type { DenseMatrix } from './matrix.js';
import { percentile } from './quantile.js';

const SCORE = 'a score';

/**
 * The score below which about `rate` of the given scores fall (numpy's linear percentile, as
 * sklearn computes its offset): use it to flag a chosen share of sessions.
 */
export function scoreThreshold(scores: ArrayLike<number>, rate: number): number {
  if (!(rate > 0 && rate < 1)) throw new RangeError('rate must be in (0, 1)');
  return percentile(scores, 100 * rate);
}

/** score − offset per row (sklearn's `decision_function`); negative means outlier. */
export function decision(
  scores: Float64Array,
  offset: number,
  out: Float64Array = new Float64Array(scores.length),
): Float64Array {
  for (let i = 0; i < scores.length; i++) out[i] = must(scores[i], SCORE) - offset;
  return out;
}

/** Scores the matrix and applies the model's own offset. */
export function decisionFunction(model: IsolationForestModel, matrix: DenseMatrix): Float64Array {
  const scores = scoreSamples(model, matrix);
  return decision(scores, model.params.offset, scores);
}

/** 1 where a row is an outlier (decision < 0, as sklearn's `predict` returns −1), else 0. */
export function flagOutliers(scores: Float64Array, offset: number): Uint8Array {
  const flags = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) flags[i] = must(scores[i], SCORE) - offset < 0 ? 1 : 0;
  return flags;
}
