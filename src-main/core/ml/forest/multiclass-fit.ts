// Fits a multi-class random forest with scikit-learn's RandomForestClassifier semantics (bootstrap
// rows as integer weights, √d columns per split, fully grown Gini trees, class weights multiplying
// the bootstrap weights) on quantile-binned columns, like the two-class fit (forest-fit.ts).

import { binMatrix } from './binning.js';
import type { FitProgress } from './forest-fit.js';
import { assertFinite, assertMatrix, type DenseMatrix } from './matrix.js';
import { MulticlassNodes } from './multiclass-nodes.js';
import { MulticlassTreeGrower } from './multiclass-tree.js';
import {
  MAX_CLASSES,
  type MulticlassForestModel,
  type MulticlassForestOptions,
  type MulticlassForestParams,
  type MulticlassWeight,
} from './multiclass-types.js';
import { deriveSeed, Rng } from './random.js';
import { drawBootstrap, ImportanceMean, resolveTreeOptions } from './tree-options.js';

/** `labels`: class codes 0 … classes − 1, at least two of them present. */
export function fitMulticlassForest(
  matrix: DenseMatrix,
  labels: Uint8Array,
  classes: number,
  options: MulticlassForestOptions = {},
  progress: FitProgress = {},
): MulticlassForestModel {
  assertMatrix(matrix);
  assertFinite(matrix);
  const counts = classCounts(labels, matrix.rows, classes);
  const classWeight = options.classWeight ?? null;
  const params: MulticlassForestParams = {
    ...resolveTreeOptions(options, matrix.cols),
    classes,
    classWeight,
    classWeights: resolveClassWeights(classWeight, counts),
    cols: matrix.cols,
  };
  const { rows, cols } = matrix;
  const bins = binMatrix(matrix, undefined, progress.onBinned);
  const onTrees = progress.onTrees;
  const grower = new MulticlassTreeGrower(bins, classes, {
    maxFeatures: params.maxFeatures,
    maxDepth: params.maxDepth ?? Number.POSITIVE_INFINITY,
    minSamplesLeaf: params.minSamplesLeaf,
    minSamplesSplit: params.minSamplesSplit,
  });
  const nodes = new MulticlassNodes(classes);
  const roots = new Int32Array(params.nEstimators);
  const importances = new ImportanceMean(cols);
  const treeImportance = new Float64Array(cols);
  const bootstrap = new Int32Array(rows);
  const weight = new Float64Array(rows);
  const rowWeight = Float64Array.from(labels, (y) => params.classWeights[y] ?? 0);

  for (let t = 0; t < params.nEstimators; t++) {
    const rng = new Rng(deriveSeed(params.seed, t));
    const index = drawBootstrap(bootstrap, params.bootstrap, rng);
    for (let i = 0; i < rows; i++) weight[i] = (bootstrap[i] ?? 0) * (rowWeight[i] ?? 0);
    treeImportance.fill(0);
    const before = nodes.count;
    const inTree = onTrees && ((settled: number) => onTrees(t + settled / index.length));
    roots[t] = grower.grow({ index, weight, label: labels }, rng, nodes, treeImportance, inTree);
    importances.add(treeImportance, nodes.count - before > 1);
    onTrees?.(t + 1);
  }
  return {
    kind: 'random-forest-multiclass',
    params,
    arrays: { ...nodes.trimmed(), roots, importances: importances.finish() },
  };
}

/** Rows per class; refuses codes out of range and labels of a single class. */
function classCounts(labels: Uint8Array, rows: number, classes: number): number[] {
  if (!(Number.isInteger(classes) && classes >= 2 && classes <= MAX_CLASSES))
    throw new RangeError(`classes must be an integer from 2 to ${MAX_CLASSES} (got ${classes})`);
  if (!(labels instanceof Uint8Array)) throw new TypeError('labels must be a Uint8Array of class codes');
  if (labels.length !== rows) throw new RangeError(`labels has ${labels.length} entries for ${rows} rows`);
  const counts = new Array<number>(classes).fill(0);
  labels.forEach((y, i) => {
    if (y >= classes) throw new RangeError(`labels must be below ${classes} (row ${i} is ${y})`);
    counts[y] = (counts[y] ?? 0) + 1;
  });
  if (counts.filter((n) => n > 0).length < 2)
    throw new RangeError('labels contain a single class: a classifier needs examples of at least two');
  return counts;
}

function resolveClassWeights(classWeight: MulticlassWeight, counts: number[]): number[] {
  if (classWeight === null) return counts.map(() => 1);
  // sklearn's 'balanced': n_samples / (n_classes · count(class)), over the classes present.
  if (classWeight === 'balanced') {
    const rows = counts.reduce((a, b) => a + b, 0);
    const present = counts.filter((n) => n > 0).length;
    return counts.map((n) => (n > 0 ? rows / (present * n) : 0));
  }
  if (
    classWeight.length !== counts.length ||
    !classWeight.every((w) => w >= 0 && Number.isFinite(w)) ||
    !classWeight.some((w) => w > 0)
  )
    throw new RangeError(`classWeight needs ${counts.length} finite, non-negative weights, not all 0`);
  return [...classWeight];
}
