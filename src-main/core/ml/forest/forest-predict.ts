// biome-ignore-all lint/style/noNonNullAssertion: the prediction kernel: every row walks every tree through flat typed-array node tables in cache-sized blocks; indexes are bounded by the structure checked on load, and a check per read would cost in the hottest loop of scoring.
// Class-1 probability as scikit-learn's predict_proba: the mean over trees of the leaf's class
// share. Rows are scored in cache-sized blocks, tree by tree, without per-row allocation.

import type { RandomForestModel } from './forest-types.js';
import type { DenseMatrix } from './matrix.js';
import { scoringBlockRows } from './scoring-block.js';

export function predictProba(
  model: RandomForestModel,
  matrix: DenseMatrix,
  out: Float64Array = new Float64Array(matrix.rows),
): Float64Array {
  const block = scoringBlockRows(matrix, model.params.cols, out, 1);
  const { feature, threshold, left, value, roots } = model.arrays;
  const { data, rows, cols } = matrix;
  out.fill(0, 0, rows);
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
        out[r] = out[r]! + value[node]!;
      }
    }
  }
  const trees = roots.length;
  for (let r = 0; r < rows; r++) out[r] = out[r]! / trees;
  return out;
}

/** Copy of the normalised mean-decrease-in-impurity importances (sklearn's feature_importances_). */
export function featureImportances(model: RandomForestModel): Float64Array {
  return model.arrays.importances.slice();
}
