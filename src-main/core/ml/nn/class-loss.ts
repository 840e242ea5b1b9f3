// Class weights and loss for a network that answers one of K classes (threat types, benign code 0):
// scikit-learn's "balanced" weights n / (K · n_class) over the classes present, and the mean
// class-weighted categorical cross-entropy that early stopping watches.
import { must } from '../../../../src-shared/must.js';

export function balancedWeightsOf(y: Uint8Array, rows: ArrayLike<number>, classes: number): Float64Array {
  const counts = new Float64Array(classes);
  for (let i = 0; i < rows.length; i++) {
    const c = must(y[must(rows[i], 'a row')], 'the class of a row');
    counts[c] = (counts[c] ?? 0) + 1;
  }
  const present = counts.filter((n) => n > 0).length;
  if (present < 2)
    throw new RangeError(
      `the training rows hold only one class: a network cannot learn to separate classes it never sees`,
    );
  return counts.map((n) => (n > 0 ? rows.length / (present * n) : 0));
}

/** Mean of weight(y) × −log p(y), with tfjs logLoss's epsilon; `probabilities` is rows × K. */
export function weightedCrossEntropy(
  probabilities: Float32Array,
  y: Uint8Array,
  rows: ArrayLike<number>,
  weights: Float64Array,
): number {
  const K = weights.length;
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = must(y[must(rows[i], 'a row')], 'the class of a row');
    sum -= (weights[c] ?? 0) * Math.log((probabilities[i * K + c] ?? 0) + 1e-7);
  }
  return sum / rows.length;
}
