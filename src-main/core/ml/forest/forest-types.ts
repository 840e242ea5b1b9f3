// Shapes of a random forest classifier (binary). Trees share flat typed arrays with global node
// ids, `roots[t]` being tree t's root; right = left + 1 for every split.

export type MaxFeatures = 'sqrt' | 'log2' | null | number;
export type ClassWeight = null | 'balanced' | { 0: number; 1: number };

export interface RandomForestOptions {
  nEstimators?: number;
  /** Columns tried per split: 'sqrt' (default), 'log2', null = all, a fraction ≤ 1 or a count > 1. */
  maxFeatures?: MaxFeatures;
  maxDepth?: number | null;
  minSamplesLeaf?: number;
  minSamplesSplit?: number;
  bootstrap?: boolean;
  classWeight?: ClassWeight;
  seed?: number;
}

export interface RandomForestParams {
  nEstimators: number;
  /** Resolved count of columns tried per split. */
  maxFeatures: number;
  maxDepth: number | null;
  minSamplesLeaf: number;
  minSamplesSplit: number;
  bootstrap: boolean;
  classWeight: ClassWeight;
  /** Resolved weights of class 0 and class 1. */
  classWeights: [number, number];
  cols: number;
  seed: number;
}

export interface RandomForestArrays {
  /** Split column, −1 at leaves. */
  feature: Int32Array;
  /** Go left when x <= threshold. */
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  /** Weighted share of class 1 in the node: at a leaf, that tree's probability. */
  value: Float32Array;
  roots: Int32Array;
  /** Mean decrease in impurity per column, normalised to sum to 1. */
  importances: Float64Array;
}

export interface RandomForestModel {
  kind: 'random-forest';
  params: RandomForestParams;
  arrays: RandomForestArrays;
}
