// Per-feature contributions for one prediction, Saabas style: walking a tree from root to leaf,
// each step changes the node's class-1 share; that change is credited to the column the step
// split on. Averaged over trees, bias + Σ contributions equals the forest's probability exactly,
// so the analyst sees which columns pushed this session toward "malicious" and by how much.

import { must } from '../../../../src-shared/must.js';
import type { RandomForestModel } from './forest-types.js';
import { creditPaths } from './tree-walk.js';

export interface ForestExplanation {
  /** Mean class-1 share at the roots: the prediction before any split. */
  bias: number;
  /** Signed change in class-1 probability credited to each column. */
  contributions: Float64Array;
  /** bias + Σ contributions = the forest's class-1 probability for the row. */
  probability: number;
}

export function explainForest(model: RandomForestModel, row: ArrayLike<number>): ForestExplanation {
  const { value, roots } = model.arrays;
  const trees = roots.length;
  const shareAt = (node: number): number => must(value[node], 'the class share of a node');
  let probability = 0;
  const contributions = creditPaths(
    model.arrays,
    model.params.cols,
    row,
    (node, child) => (shareAt(child) - shareAt(node)) / trees,
    (leaf) => {
      probability += shareAt(leaf);
    },
  );
  let bias = 0;
  for (const root of roots) bias += shareAt(root);
  return { bias: bias / trees, contributions, probability: probability / trees };
}
