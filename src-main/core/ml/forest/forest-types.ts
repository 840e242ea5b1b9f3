// Shapes of a random forest classifier (binary). Trees share flat typed arrays with global node
// ids, `roots[t]` being tree t's root; right = left + 1 for every split.
import type { ResolvedTreeOptions, TreeOptions } from './tree-options.js';

export type { MaxFeatures } from './tree-options.js';
export type ClassWeight = null | 'balanced' | { 0: number; 1: number };

export interface RandomForestOptions extends TreeOptions {
  classWeight?: ClassWeight;
}

export interface RandomForestParams extends ResolvedTreeOptions {
  classWeight: ClassWeight;
  /** Resolved weights of class 0 and class 1. */
  classWeights: [number, number];
  cols: number;
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
