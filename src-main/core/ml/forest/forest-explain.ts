// Per-feature contributions for one prediction, Saabas style: walking a tree from root to leaf,
// each step changes the node's class-1 share; that change is credited to the column the step
// split on. Averaged over trees, bias + Σ contributions equals the forest's probability exactly,
// so the analyst sees which columns pushed this session toward "malicious" and by how much.

import type { RandomForestModel } from './forest-types.js';

export interface ForestExplanation {
  /** Mean class-1 share at the roots: the prediction before any split. */
  bias: number;
  /** Signed change in class-1 probability credited to each column. */
  contributions: Float64Array;
  /** bias + Σ contributions = the forest's class-1 probability for the row. */
  probability: number;
}

export function explainForest(model: RandomForestModel, row: ArrayLike<number>): ForestExplanation {
  const { feature, threshold, left, right, value, roots } = model.arrays;
  const cols = model.params.cols;
  if (row.length !== cols) throw new RangeError(`row has ${row.length} values, the model expects ${cols}`);
  const contributions = new Float64Array(cols);
  let bias = 0;
  let probability = 0;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t]!;
    bias += value[node]!;
    while (feature[node]! >= 0) {
      const column = feature[node]!;
      // Math.fround: compare as the float32 matrix the model is scored on would.
      const child = Math.fround(row[column]!) <= threshold[node]! ? left[node]! : right[node]!;
      contributions[column] = contributions[column]! + value[child]! - value[node]!;
      node = child;
    }
    probability += value[node]!;
  }
  const trees = roots.length;
  for (let j = 0; j < cols; j++) contributions[j] = contributions[j]! / trees;
  return { bias: bias / trees, contributions, probability: probability / trees };
}
