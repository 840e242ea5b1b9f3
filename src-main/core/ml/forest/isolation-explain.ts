// "Why was this session flagged?" for an isolation forest. Each split on a row's path keeps only
// the part of the node's training sample on the row's side; log2(n_parent / n_child) is how many
// bits of isolation that split delivered. Summed per column over all trees and normalised, it
// says which columns did the isolating: an outlier cut off by one early split on `bytes_out`
// gets most of its isolation from that column, a typical row spreads evenly.

import { must } from '../../../../src-shared/must.js';
import type { IsolationForestModel } from './isolation-types.js';
import { averagePathLength } from './path-length.js';
import { creditPaths } from './tree-walk.js';

export interface IsolationExplanation {
  /** Share of the row's isolation per column; sums to 1 (all zeros if no split isolated it). */
  contributions: Float64Array;
  /** sklearn-style score of the row (lower = more anomalous). */
  score: number;
  /** E[h(x)]: mean path length over trees, including the leaf-size correction. */
  meanPathLength: number;
}

export function explainIsolation(model: IsolationForestModel, row: ArrayLike<number>): IsolationExplanation {
  const { size, roots } = model.arrays;
  const sizeAt = (node: number): number => must(size[node], 'the sample count of a node');
  let pathSum = 0;
  const contributions = creditPaths(
    model.arrays,
    model.params.cols,
    row,
    (node, child) => Math.log2(sizeAt(node) / sizeAt(child)),
    (leaf, depth) => {
      pathSum += depth + averagePathLength(sizeAt(leaf));
    },
  );
  let total = 0;
  for (const share of contributions) total += share;
  if (total > 0)
    contributions.forEach((share, j) => {
      contributions[j] = share / total;
    });
  const meanPathLength = pathSum / roots.length;
  const c = averagePathLength(model.params.maxSamples);
  return { contributions, score: -(2 ** -(c > 0 ? meanPathLength / c : 1)), meanPathLength };
}
