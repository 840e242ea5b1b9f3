// One row's paths through every tree of a forest, for the explanations (a few rows at a time, so
// clarity beats speed here; the batch scorers have their own loops).

import { must } from '../../../../src-shared/must.js';
import type { TreeArrays } from './serialize-check.js';

/** `values[i]`: the model's arrays were checked on load (serialize-check.ts), the row's length here. */
function at(values: ArrayLike<number>, i: number): number {
  return must(values[i], 'a value of a checked tree or row');
}

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
  for (const root of roots) {
    let node = root;
    let depth = 0;
    for (let column = at(feature, node); column >= 0; column = at(feature, node)) {
      // Math.fround: compare as the float32 matrix the scorers read would.
      const child = Math.fround(at(row, column)) <= at(threshold, node) ? at(left, node) : at(right, node);
      totals[column] = at(totals, column) + credit(node, child);
      node = child;
      depth++;
    }
    atLeaf(node, depth);
  }
  return totals;
}
