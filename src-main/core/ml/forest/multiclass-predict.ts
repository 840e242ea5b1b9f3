// biome-ignore-all lint/style/noNonNullAssertion: the prediction kernel: every row walks every tree through flat typed-array node tables in cache-sized blocks; indexes are bounded by the structure checked on load, and a check per read would cost in the hottest loop of scoring.
// Class probabilities as scikit-learn's predict_proba: per class, the mean over trees of the
// leaf's share. Rows are scored in cache-sized blocks, tree by tree (as forest-predict.ts).

import type { DenseMatrix } from './matrix.js';
import type { MulticlassForestModel } from './multiclass-types.js';
import { scoringBlockRows } from './scoring-block.js';

/** Row-major `rows × K` probabilities: `out[r * K + c]`. */
export function predictClassProba(
  model: MulticlassForestModel,
  matrix: DenseMatrix,
  out: Float64Array = new Float64Array(matrix.rows * model.params.classes),
): Float64Array {
  const K = model.params.classes;
  const { rows, cols, data } = matrix;
  if (out.length < rows * K) throw new RangeError(`out has room for ${out.length} of ${rows} × ${K} values`);
  const block = scoringBlockRows(matrix, model.params.cols, out, 1);
  const { feature, threshold, left, value, roots } = model.arrays;
  out.fill(0, 0, rows * K);
  for (let start = 0; start < rows; start += block) {
    const end = Math.min(rows, start + block);
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t]!;
      for (let r = start; r < end; r++) {
        const base = r * cols;
        let node = root;
        let f = feature[node]!;
        while (f >= 0) {
          node = left[node]! + (data[base + f]! <= threshold[node]! ? 0 : 1);
          f = feature[node]!;
        }
        const at = node * K;
        const o = r * K;
        for (let c = 0; c < K; c++) out[o + c] = out[o + c]! + value[at + c]!;
      }
    }
  }
  const trees = roots.length;
  for (let i = 0; i < rows * K; i++) out[i] = out[i]! / trees;
  return out;
}

/** The most probable class of each row (ties: the lowest code, as numpy's argmax). */
export function argmaxClasses(proba: Float64Array, classes: number): Uint8Array {
  const rows = proba.length / classes;
  const out = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (proba[r * classes + c]! > proba[r * classes + best]!) best = c;
    out[r] = best;
  }
  return out;
}
