// Shapes of a multi-class random forest (the threat-type models: benign and each kind of attack).
// Same tree layout as the two-class forest (forest-types.ts); each node holds a probability per
// class instead of the class-1 share.
import type { RandomForestArrays } from './forest-types.js';
import type { ResolvedTreeOptions, TreeOptions } from './tree-options.js';

/**
 * Classes are codes 0 … K−1. The histograms hold K + 1 numbers per bin, so K is bounded: 64 kinds
 * of threat is far beyond what labels name in practice.
 */
export const MAX_CLASSES = 64;

/** null: every row weighs its bootstrap count; 'balanced': sklearn's n / (K · count(class)). */
export type MulticlassWeight = null | 'balanced' | readonly number[];

export interface MulticlassForestOptions extends TreeOptions {
  classWeight?: MulticlassWeight;
}

export interface MulticlassForestParams extends ResolvedTreeOptions {
  /** K: labels are 0 … classes − 1. */
  classes: number;
  classWeight: MulticlassWeight;
  /** Resolved weight of each class. */
  classWeights: number[];
  cols: number;
}

/**
 * The two-class forest's arrays, except that `value[node * K + c]` is the weighted share of class c
 * in the node (a leaf's K shares are that tree's vote), K numbers per node instead of one.
 */
export type MulticlassForestArrays = RandomForestArrays;

export interface MulticlassForestModel {
  kind: 'random-forest-multiclass';
  params: MulticlassForestParams;
  arrays: MulticlassForestArrays;
}
