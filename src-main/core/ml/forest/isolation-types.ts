// Shapes of an Isolation Forest. All trees live in one set of flat typed arrays (node ids are
// global; `roots[t]` is tree t's root) so a model is a handful of buffers: cheap to score, to
// post to a worker and to store as blobs.

export interface IsolationForestOptions {
  nEstimators?: number;
  /** 'auto' = min(256, rows); a count; or a fraction (0, 1] of rows — sklearn's `max_samples`. */
  maxSamples?: 'auto' | number;
  /** Fraction (0, 1] of columns, or a count > 1, drawn per tree — sklearn's `max_features`. */
  maxFeatures?: number;
  /**
   * 'auto' keeps sklearn's fixed offset −0.5; a rate in (0, 0.5] sets the offset to that quantile
   * of the training scores (this scores the training matrix once more).
   */
  contamination?: 'auto' | number;
  seed?: number;
}

export interface IsolationForestParams {
  nEstimators: number;
  /** ψ: rows drawn (without replacement) per tree. */
  maxSamples: number;
  /** Columns each tree may split on. */
  maxFeatures: number;
  /** ceil(log2 ψ), as sklearn limits its extra-trees. */
  maxDepth: number;
  cols: number;
  seed: number;
  contamination: 'auto' | number;
  /** decision = score − offset; negative means outlier (sklearn's `offset_`). */
  offset: number;
}

export interface IsolationForestArrays {
  /** Split column, −1 at leaves. */
  feature: Int32Array;
  /** Go left when x <= threshold. */
  threshold: Float32Array;
  /** Child ids (global); −1 at leaves. Children are allocated together, so right = left + 1. */
  left: Int32Array;
  right: Int32Array;
  /** Training rows that reached the node (sklearn's `n_node_samples`). */
  size: Int32Array;
  roots: Int32Array;
}

export interface IsolationForestModel {
  kind: 'isolation-forest';
  params: IsolationForestParams;
  arrays: IsolationForestArrays;
}
