// "Balanced" class weights (scikit-learn's definition, n / (2 · n_class)): attacks are rare, and
// without weighting a network learns to answer "benign" for everything.
import { must } from '../../../../src-shared/must.js';
export interface ClassWeights {
  negative: number;
  positive: number;
}

/** The label of the i-th of `rows`. */
function labelAt(y: Uint8Array, rows: ArrayLike<number>, i: number): number {
  return must(y[must(rows[i], 'a row')], 'the label of a row');
}

export function balancedClassWeights(y: Uint8Array, rows: ArrayLike<number>): ClassWeights {
  let positives = 0;
  for (let i = 0; i < rows.length; i++) positives += labelAt(y, rows, i);
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new RangeError(
      `the training rows hold only one class (${positives} positive, ${negatives} negative): a network cannot learn to separate classes it never sees`,
    );
  }
  return { negative: rows.length / (2 * negatives), positive: rows.length / (2 * positives) };
}

/** Mean class-weighted binary cross-entropy, with tfjs logLoss's epsilon so it matches training. */
export function weightedLogLoss(
  probabilities: Float32Array,
  y: Uint8Array,
  rows: ArrayLike<number>,
  weights: ClassWeights,
): number {
  const epsilon = 1e-7;
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const p = must(probabilities[i], 'the probability of a row');
    sum +=
      labelAt(y, rows, i) === 1
        ? -weights.positive * Math.log(p + epsilon)
        : -weights.negative * Math.log(1 - p + epsilon);
  }
  return sum / rows.length;
}
