// biome-ignore-all lint/style/noNonNullAssertion: grows an isolation tree by partitioning the drawn rows in place in typed arrays (indexes bounded by the node's row range); a check per read would slow every node of every tree.
// Grows one isolation tree the way sklearn's ExtraTreeRegressor(max_features=1, splitter='random')
// does inside IsolationForest: at each node pick a random column that is not constant there, cut
// it at a uniform threshold in [min, max), stop at depth ceil(log2 ψ) or when one row remains.

import { floorToFloat32 } from './float32.js';
import type { Rng } from './random.js';

/** Output buffers sized for the whole forest; `count` is the next free node id. */
export interface IsolationNodeBuffers {
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  size: Int32Array;
  count: number;
}

export interface IsolationSample {
  /** Column-major copy of the ψ drawn rows (column j of the tree at `values[j * rows + i]`). */
  values: Float32Array;
  rows: number;
  /** Tree column j is original column `features[j]`. */
  features: Int32Array;
}

/** Builds the tree into `out` (which needs room for 2ψ − 1 more nodes) and returns its root id. */
export function buildIsolationTree(
  sample: IsolationSample,
  maxDepth: number,
  rng: Rng,
  out: IsolationNodeBuffers,
): number {
  const { values, rows, features } = sample;
  const k = features.length;
  const order = Int32Array.from({ length: k }, (_, j) => j);
  const index = Int32Array.from({ length: rows }, (_, i) => i);
  // Pending nodes as (id, start, end, depth); depth-first keeps the stack at O(depth) entries.
  const stack = new Int32Array(4 * (maxDepth + 2) * 2);
  let top = 0;
  const root = out.count++;
  stack[top++] = root;
  stack[top++] = 0;
  stack[top++] = rows;
  stack[top++] = 0;

  while (top > 0) {
    const depth = stack[--top]!;
    const end = stack[--top]!;
    const start = stack[--top]!;
    const node = stack[--top]!;
    const n = end - start;
    out.size[node] = n;
    out.feature[node] = -1;
    out.threshold[node] = 0;
    out.left[node] = -1;
    out.right[node] = -1;
    if (depth >= maxDepth || n <= 1) continue;

    // Draw columns without replacement until one varies in this node (sklearn skips constants
    // the same way); if none varies, the rows are duplicates and the node stays a leaf.
    for (let j = 0; j < k; j++) {
      const pick = j + rng.below(k - j);
      const column = order[pick]!;
      order[pick] = order[j]!;
      order[j] = column;

      const base = column * rows;
      let lo = values[base + index[start]!]!;
      let hi = lo;
      for (let i = start + 1; i < end; i++) {
        const v = values[base + index[i]!]!;
        if (v < lo) lo = v;
        else if (v > hi) hi = v;
      }
      if (!(hi > lo)) continue;

      let threshold = floorToFloat32(lo + (hi - lo) * rng.nextFloat());
      if (threshold >= hi) threshold = lo;

      // Hoare-style partition: rows with value <= threshold first. Order inside a side is irrelevant.
      let i = start;
      let e = end - 1;
      while (i <= e) {
        if (values[base + index[i]!]! <= threshold) i++;
        else {
          const swap = index[i]!;
          index[i] = index[e]!;
          index[e--] = swap;
        }
      }

      const left = out.count;
      out.count += 2;
      out.feature[node] = features[column]!;
      out.threshold[node] = threshold;
      out.left[node] = left;
      out.right[node] = left + 1;
      // Push right first so the left subtree is built first (ids stay close to their parent).
      stack[top++] = left + 1;
      stack[top++] = i;
      stack[top++] = end;
      stack[top++] = depth + 1;
      stack[top++] = left;
      stack[top++] = start;
      stack[top++] = i;
      stack[top++] = depth + 1;
      break;
    }
  }
  return root;
}
