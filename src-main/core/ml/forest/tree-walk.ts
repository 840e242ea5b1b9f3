// One row's paths through every tree of a forest, for the explanations (a few rows at a time, so
// clarity beats speed here; the batch scorers have their own loops).

import type { TreeArrays } from './serialize-check.js';

/**
 * Walks `row` from each root to a leaf. Every split taken adds `credit(node, child)` to the split
 * column's entry of the returned per-column totals; `atLeaf(leaf, depth)` sees each tree's leaf.
 */
export function creditPaths(
  arrays: TreeArrays,
  cols: number,
  row: ArrayLike<number>,
  credit: (node: number, child: number) => number,
  atLeaf: (leaf: number, depth: number) => void,
): Float64Array {
  if (row.length !== cols) throw new RangeError(`row has ${row.length} values, the model expects ${cols}`);
  const { feature, threshold, left, right, roots } = arrays;
  const totals = new Float64Array(cols);
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t]!;
    let depth = 0;
    while (feature[node]! >= 0) {
      const column = feature[node]!;
      // Math.fround: compare as the float32 matrix the scorers read would.
      const child = Math.fround(row[column]!) <= threshold[node]! ? left[node]! : right[node]!;
      totals[column] = totals[column]! + credit(node, child);
      node = child;
      depth++;
    }
    atLeaf(node, depth);
  }
  return totals;
}
