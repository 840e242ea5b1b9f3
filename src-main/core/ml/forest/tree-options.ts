// What both random forests (two-class and multi-class) resolve alike from their options, with
// scikit-learn's rules: tree count, columns tried per split, depth and leaf limits, bootstrap,
// seed; and the bootstrap draw and importance averaging that every tree of either goes through.
import type { Rng } from './random.js';

export type MaxFeatures = 'sqrt' | 'log2' | null | number;

export interface TreeOptions {
  nEstimators?: number;
  /** Columns tried per split: 'sqrt' (default), 'log2', null = all, a fraction ≤ 1 or a count > 1. */
  maxFeatures?: MaxFeatures;
  maxDepth?: number | null;
  minSamplesLeaf?: number;
  minSamplesSplit?: number;
  bootstrap?: boolean;
  seed?: number;
}

export interface ResolvedTreeOptions {
  nEstimators: number;
  /** Resolved count of columns tried per split. */
  maxFeatures: number;
  maxDepth: number | null;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  bootstrap: boolean;
  seed: number;
}

export function resolveTreeOptions(options: TreeOptions, cols: number): ResolvedTreeOptions {
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
  return {
    nEstimators,
    maxFeatures: resolveMaxFeatures(options.maxFeatures === undefined ? 'sqrt' : options.maxFeatures, cols),
    maxDepth,
    minSamplesLeaf,
    minSamplesSplit,
    bootstrap: options.bootstrap ?? true,
    seed,
  };
}

function resolveMaxFeatures(value: MaxFeatures, cols: number): number {
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

/**
 * One tree's bootstrap as sklearn draws it: `rows` draws with replacement, each row's count its
 * integer weight (every row once without bootstrap). Returns the in-bag rows, ascending.
 */
export function drawBootstrap(counts: Int32Array, bootstrap: boolean, rng: Rng): Int32Array {
  const rows = counts.length;
  counts.fill(bootstrap ? 0 : 1);
  if (bootstrap) {
    for (let i = 0; i < rows; i++) {
      const drawn = rng.below(rows);
      counts[drawn] = (counts[drawn] ?? 0) + 1;
    }
  }
  let inBag = 0;
  for (const c of counts) if (c > 0) inBag++;
  const index = new Int32Array(inBag);
  let at = 0;
  for (let i = 0; i < rows; i++) if ((counts[i] ?? 0) > 0) index[at++] = i;
  return index;
}

/**
 * sklearn's feature_importances_: each tree's impurity decreases normalised, single-leaf trees left
 * out of the mean, and the mean normalised again.
 */
export class ImportanceMean {
  private readonly sum: Float64Array;
  private trees = 0;

  constructor(cols: number) {
    this.sum = new Float64Array(cols);
  }

  /** Adds one tree's decreases (`grew`: the tree has at least one split). */
  add(tree: Float64Array, grew: boolean): void {
    if (!grew) return;
    let total = 0;
    for (const v of tree) total += v;
    if (!(total > 0)) return;
    tree.forEach((v, j) => {
      this.sum[j] = (this.sum[j] ?? 0) + v / total;
    });
    this.trees++;
  }

  finish(): Float64Array {
    let total = 0;
    for (const v of this.sum) total += v;
    if (this.trees > 0 && total > 0)
      for (let j = 0; j < this.sum.length; j++) this.sum[j] = (this.sum[j] ?? 0) / total;
    return this.sum;
  }
}
