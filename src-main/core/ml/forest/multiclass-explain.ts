// Per-feature contributions to one class's probability for one row, Saabas style (as
// forest-explain.ts for the two-class forest): each step of a root-to-leaf walk changes the
// node's share of the class, credited to the column the step split on. Averaged over trees,
// bias + Σ contributions equals the forest's probability of that class exactly.

import { must } from '../../../../src-shared/must.js';
import type { ForestExplanation } from './forest-explain.js';
import type { MulticlassForestModel } from './multiclass-types.js';
import { creditPaths } from './tree-walk.js';

export function explainMulticlass(
  model: MulticlassForestModel,
  row: ArrayLike<number>,
  cls: number,
): ForestExplanation {
  const { classes, cols } = model.params;
  if (!(Number.isInteger(cls) && cls >= 0 && cls < classes))
    throw new RangeError(`class ${cls} is not one of the model's ${classes}`);
  const { value, roots } = model.arrays;
  const trees = roots.length;
  const shareAt = (node: number): number => must(value[node * classes + cls], 'the class share of a node');
  let probability = 0;
  const contributions = creditPaths(
    model.arrays,
    cols,
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
