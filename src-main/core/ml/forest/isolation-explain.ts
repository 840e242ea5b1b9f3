// "Why was this session flagged?" for an isolation forest. Each split on a row's path keeps only
// the part of the node's training sample on the row's side; log2(n_parent / n_child) is how many
// bits of isolation that split delivered. Summed per column over all trees and normalised, it
// says which columns did the isolating: an outlier cut off by one early split on `bytes_out`
// gets most of its isolation from that column, a typical row spreads evenly.

import type { IsolationForestModel } from './isolation-types.js';
import { averagePathLength } from './path-length.js';

export interface IsolationExplanation {
  /** Share of the row's isolation per column; sums to 1 (all zeros if no split isolated it). */
  contributions: Float64Array;
  /** sklearn-style score of the row (lower = more anomalous). */
  score: number;
  /** E[h(x)]: mean path length over trees, including the leaf-size correction. */
  meanPathLength: number;
}

export function explainIsolation(model: IsolationForestModel, row: ArrayLike<number>): IsolationExplanation {
  const { feature, threshold, left, right, size, roots } = model.arrays;
  const cols = model.params.cols;
  if (row.length !== cols) throw new RangeError(`row has ${row.length} values, the model expects ${cols}`);
  const contributions = new Float64Array(cols);
  let pathSum = 0;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t]!;
    let depth = 0;
    while (feature[node]! >= 0) {
      const column = feature[node]!;
      // Same rule as scoring: Math.fround makes a JS number compare as the stored float32 would.
      const child = Math.fround(row[column]!) <= threshold[node]! ? left[node]! : right[node]!;
      contributions[column] = contributions[column]! + Math.log2(size[node]! / size[child]!);
      node = child;
      depth++;
    }
    pathSum += depth + averagePathLength(size[node]!);
  }
  let total = 0;
  for (let j = 0; j < cols; j++) total += contributions[j]!;
  if (total > 0) for (let j = 0; j < cols; j++) contributions[j] = contributions[j]! / total;
  const meanPathLength = pathSum / roots.length;
  const c = averagePathLength(model.params.maxSamples);
  return { contributions, score: -(2 ** -(c > 0 ? meanPathLength / c : 1)), meanPathLength };
}
