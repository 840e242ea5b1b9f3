// biome-ignore-all lint/style/noNonNullAssertion: draws bootstrap counts for every row of every tree and sums importances through typed arrays indexed by bounded row and column numbers; a check per read would cost rows × trees times.
// Fits a binary random forest classifier with scikit-learn's RandomForestClassifier semantics
// (bootstrap rows as integer weights, √d columns per split, fully grown Gini trees, class
// weights multiplying the bootstrap weights) on quantile-binned columns.

import { binMatrix } from './binning.js';
import { TreeGrower } from './classification-tree.js';
import { ForestNodes } from './forest-nodes.js';
import type { RandomForestModel, RandomForestOptions, RandomForestParams } from './forest-types.js';
import { assertBinaryLabels, assertFinite, assertMatrix, type DenseMatrix } from './matrix.js';
import { deriveSeed, Rng } from './random.js';
import { drawBootstrap, ImportanceMean, resolveTreeOptions } from './tree-options.js';

/**
 * Synchronous progress: at a million rows binning takes seconds and so does one tree, and nothing
 * else can report meanwhile. Either hook may throw (a cancel) to stop the fit.
 */
export interface FitProgress {
  onBinned?: (columns: number, cols: number) => void;
  /** Trees built so far, fractional inside a tree (share of its in-bag rows already in leaves). */
  onTrees?: (treesBuilt: number) => void;
}

export function fitRandomForest(
  matrix: DenseMatrix,
  labels: Uint8Array,
  options: RandomForestOptions = {},
  progress: FitProgress = {},
): RandomForestModel {
  assertMatrix(matrix);
  assertFinite(matrix);
  const { positives } = assertBinaryLabels(labels, matrix.rows);
  const params = resolveParams(matrix, options, positives);
  const { rows, cols } = matrix;

  const bins = binMatrix(matrix, undefined, progress.onBinned);
  const onTrees = progress.onTrees;
  const grower = new TreeGrower(bins, {
    maxFeatures: params.maxFeatures,
    maxDepth: params.maxDepth ?? Number.POSITIVE_INFINITY,
    minSamplesLeaf: params.minSamplesLeaf,
    minSamplesSplit: params.minSamplesSplit,
  });
  const nodes = new ForestNodes();
  const roots = new Int32Array(params.nEstimators);
  const importances = new ImportanceMean(cols);
  const treeImportance = new Float64Array(cols);
  const counts = new Int32Array(rows);
  const weights = new Float64Array(2 * rows);
  const [w0, w1] = params.classWeights;

  for (let t = 0; t < params.nEstimators; t++) {
    const rng = new Rng(deriveSeed(params.seed, t));
    const index = drawBootstrap(counts, params.bootstrap, rng);
    for (let i = 0; i < rows; i++) {
      const w = counts[i]! * (labels[i] ? w1 : w0);
      weights[2 * i] = w;
      weights[2 * i + 1] = labels[i] ? w : 0;
    }

    treeImportance.fill(0);
    const before = nodes.count;
    const inTree = onTrees && ((settled: number) => onTrees(t + settled / index.length));
    roots[t] = grower.grow({ index, weights }, rng, nodes, treeImportance, inTree);
    importances.add(treeImportance, nodes.count - before > 1);
    onTrees?.(t + 1);
  }

  return {
    kind: 'random-forest',
    params,
    arrays: { ...nodes.trimmed(), roots, importances: importances.finish() },
  };
}

function resolveParams(
  matrix: DenseMatrix,
  options: RandomForestOptions,
  positives: number,
): RandomForestParams {
  const classWeight = options.classWeight ?? null;
  return {
    ...resolveTreeOptions(options, matrix.cols),
    classWeight,
    classWeights: resolveClassWeights(classWeight, matrix.rows, positives),
    cols: matrix.cols,
  };
}

function resolveClassWeights(
  classWeight: RandomForestOptions['classWeight'],
  rows: number,
  positives: number,
): [number, number] {
  if (classWeight === null || classWeight === undefined) return [1, 1];
  // sklearn's 'balanced': n_samples / (n_classes · count(class)), from the full training labels.
  if (classWeight === 'balanced') return [rows / (2 * (rows - positives)), rows / (2 * positives)];
  const w0 = classWeight[0];
  const w1 = classWeight[1];
  if (!(w0 >= 0 && w1 >= 0 && w0 + w1 > 0 && Number.isFinite(w0) && Number.isFinite(w1))) {
    throw new RangeError('classWeight needs finite, non-negative weights for classes 0 and 1');
  }
  return [w0, w1];
}
