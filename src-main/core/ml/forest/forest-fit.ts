// Fits a binary random forest classifier with scikit-learn's RandomForestClassifier semantics
// (bootstrap rows as integer weights, √d columns per split, fully grown Gini trees, class
// weights multiplying the bootstrap weights) on quantile-binned columns.

import { binMatrix } from './binning.js';
import { TreeGrower } from './classification-tree.js';
import { ForestNodes } from './forest-nodes.js';
import type { RandomForestModel, RandomForestOptions, RandomForestParams } from './forest-types.js';
import { assertBinaryLabels, assertFinite, assertMatrix, type DenseMatrix } from './matrix.js';
import { deriveSeed, Rng } from './random.js';

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
  const importances = new Float64Array(cols);
  const treeImportance = new Float64Array(cols);
  const counts = new Int32Array(rows);
  const weights = new Float64Array(2 * rows);
  const [w0, w1] = params.classWeights;
  let treesWithSplits = 0;

  for (let t = 0; t < params.nEstimators; t++) {
    const rng = new Rng(deriveSeed(params.seed, t));
    counts.fill(params.bootstrap ? 0 : 1);
    if (params.bootstrap) {
      for (let i = 0; i < rows; i++) {
        const drawn = rng.below(rows);
        counts[drawn] = counts[drawn]! + 1;
      }
    }
    let inBag = 0;
    for (let i = 0; i < rows; i++) if (counts[i]! > 0) inBag++;
    const index = new Int32Array(inBag);
    let at = 0;
    for (let i = 0; i < rows; i++) {
      const c = counts[i]!;
      const w = c * (labels[i] ? w1 : w0);
      weights[2 * i] = w;
      weights[2 * i + 1] = labels[i] ? w : 0;
      if (c > 0) index[at++] = i;
    }

    treeImportance.fill(0);
    const before = nodes.count;
    const inTree = onTrees && ((settled: number) => onTrees(t + settled / inBag));
    roots[t] = grower.grow({ index, weights }, rng, nodes, treeImportance, inTree);
    // As sklearn: each tree's importances are normalised, single-leaf trees are left out of the
    // mean, and the mean is normalised again.
    if (nodes.count - before > 1) {
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += treeImportance[j]!;
      if (sum > 0) {
        for (let j = 0; j < cols; j++) importances[j] = importances[j]! + treeImportance[j]! / sum;
        treesWithSplits++;
      }
    }
    onTrees?.(t + 1);
  }
  let total = 0;
  for (let j = 0; j < cols; j++) total += importances[j]!;
  if (treesWithSplits > 0 && total > 0)
    for (let j = 0; j < cols; j++) importances[j] = importances[j]! / total;

  return { kind: 'random-forest', params, arrays: { ...nodes.trimmed(), roots, importances } };
}

function resolveParams(
  matrix: DenseMatrix,
  options: RandomForestOptions,
  positives: number,
): RandomForestParams {
  const { rows, cols } = matrix;
  const nEstimators = options.nEstimators ?? 100;
  if (!Number.isInteger(nEstimators) || nEstimators < 1)
    throw new RangeError('nEstimators must be an integer ≥ 1');
  const maxDepth = options.maxDepth ?? null;
  if (maxDepth !== null && !(Number.isInteger(maxDepth) && maxDepth >= 1)) {
    throw new RangeError('maxDepth must be null or an integer ≥ 1');
  }
  const minSamplesLeaf = options.minSamplesLeaf ?? 1;
  const minSamplesSplit = options.minSamplesSplit ?? 2;
  if (!Number.isInteger(minSamplesLeaf) || minSamplesLeaf < 1)
    throw new RangeError('minSamplesLeaf must be an integer ≥ 1');
  if (!Number.isInteger(minSamplesSplit) || minSamplesSplit < 2)
    throw new RangeError('minSamplesSplit must be an integer ≥ 2');
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('seed must be a non-negative integer');
  const classWeight = options.classWeight ?? null;
  return {
    nEstimators,
    maxFeatures: resolveMaxFeatures(options.maxFeatures === undefined ? 'sqrt' : options.maxFeatures, cols),
    maxDepth,
    minSamplesLeaf,
    minSamplesSplit,
    bootstrap: options.bootstrap ?? true,
    classWeight,
    classWeights: resolveClassWeights(classWeight, rows, positives),
    cols,
    seed,
  };
}

function resolveMaxFeatures(value: RandomForestOptions['maxFeatures'], cols: number): number {
  if (value === null) return cols;
  // sklearn truncates: int(sqrt(d)), int(log2(d)), int(fraction · d), never below 1.
  if (value === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(cols)));
  if (value === 'log2') return Math.max(1, Math.floor(Math.log2(cols)));
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new RangeError("maxFeatures must be 'sqrt', 'log2', null or a positive number");
  }
  if (value <= 1) return Math.max(1, Math.floor(value * cols));
  if (!Number.isInteger(value)) throw new RangeError('maxFeatures > 1 must be an integer count');
  return Math.min(value, cols);
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
