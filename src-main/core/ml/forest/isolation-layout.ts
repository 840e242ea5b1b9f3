// The scoring view of an isolation forest, derived once per model object (and cached): leaves
// become self-loops that no row leaves, so every row walks exactly `treeDepth` steps with no
// data-dependent exit, and each leaf carries its finished path length depth + c(leaf size).

import { must } from '../../../../src-shared/must.js';
import type { IsolationForestArrays } from './isolation-types.js';
import { averagePathLength } from './path-length.js';
import { NEVER_RIGHT, thresholdKey } from './sortable-keys.js';

export interface IsolationLayout {
  /** Left child id (right is next + 1); a leaf points at itself. */
  next: Int32Array;
  /** Split column; 0 at leaves (any column works there). */
  feature: Int32Array;
  /** Sortable int32 key of the threshold (see sortable-keys.ts); NEVER_RIGHT at leaves. */
  thresholdKey: Int32Array;
  /** At leaves, sklearn's h(x) = depth + c(n_leaf); 0 elsewhere. */
  pathLength: Float64Array;
  /** Deepest leaf of each tree: the number of steps a row takes in it. */
  treeDepth: Int32Array;
}

/** `values[node]`: every array of the model has a value per node (checked on load). */
function at(values: ArrayLike<number>, node: number): number {
  return must(values[node], 'a value of a node');
}

const cache = new WeakMap<IsolationForestArrays, IsolationLayout>();

export function isolationLayout(arrays: IsolationForestArrays): IsolationLayout {
  const cached = cache.get(arrays);
  if (cached) return cached;
  const { feature, threshold, left, size, roots } = arrays;
  const n = feature.length;
  const layout: IsolationLayout = {
    next: new Int32Array(n),
    feature: new Int32Array(n),
    thresholdKey: new Int32Array(n),
    pathLength: new Float64Array(n),
    treeDepth: new Int32Array(roots.length),
  };
  const depth = nodeDepths(arrays);
  feature.forEach((column, node) => {
    if (column < 0) {
      layout.next[node] = node;
      layout.thresholdKey[node] = NEVER_RIGHT;
      layout.pathLength[node] = at(depth, node) + averagePathLength(at(size, node));
    } else {
      layout.next[node] = at(left, node);
      layout.feature[node] = column;
      layout.thresholdKey[node] = thresholdKey(at(threshold, node));
    }
  });
  roots.forEach((root, t) => {
    // Tree t owns the nodes from its root up to the next tree's root (checked on load).
    const end = roots[t + 1] ?? n;
    let deepest = 0;
    for (let node = root; node < end; node++) deepest = Math.max(deepest, at(depth, node));
    layout.treeDepth[t] = deepest;
  });
  cache.set(arrays, layout);
  return layout;
}

/** Depth of every node; relies on children having larger ids than their parent (checked on load). */
export function nodeDepths(arrays: Pick<IsolationForestArrays, 'feature' | 'left' | 'right'>): Int32Array {
  const { feature, left, right } = arrays;
  const depth = new Int32Array(feature.length);
  feature.forEach((column, node) => {
    if (column < 0) return;
    const below = at(depth, node) + 1;
    depth[at(left, node)] = below;
    depth[at(right, node)] = below;
  });
  return depth;
}
