// biome-ignore-all lint/style/noNonNullAssertion: grows a tree over typed-array row partitions, codes and weights of the node (indexes bounded by the node's start..end range); a check per read would slow every node of every tree.
// Grows one Gini classification tree on binned data, depth first like sklearn's
// DepthFirstTreeBuilder with BestSplitter: at each node draw columns at random (constant ones do
// not count toward maxFeatures), take the best boundary over them, stop on purity, depth,
// minSamplesSplit, minSamplesLeaf or when no column varies. Rows carry weights (bootstrap count ×
// class weight) and sample counts are of distinct rows, as in sklearn.

import type { Bins } from './binning.js';
import type { ForestNodes } from './forest-nodes.js';
import { partitionRows } from './partition.js';
import type { Rng } from './random.js';
import type { NodeRows, SplitChoice } from './split-choice.js';
import { fillHistogram, fillHistograms4, offerHistogramSplits } from './split-histogram.js';
import { offerSmallColumnSplits, SMALL_NODE } from './split-small.js';
import { TreeStack } from './tree-stack.js';

// Child totals come from subtractions, so purity is judged with a relative tolerance.
const PURE_TOLERANCE = 1e-12;
/** Rows settled in leaves between two progress calls: a few calls per tree at a million rows. */
const REPORT_EVERY_ROWS = 1 << 16;

export interface TreeSettings {
  maxFeatures: number;
  maxDepth: number;
  minSamplesLeaf: number;
  minSamplesSplit: number;
}

export interface TreeRows {
  /** Distinct in-bag row ids, ascending (sorted order keeps the code reads cache friendly). */
  index: Int32Array;
  /** Packed per row: [weight, weight if the label is 1 else 0]. */
  weights: Float64Array;
}

/** Reused across trees so that growing allocates only when the node store or stack doubles. */
export class TreeGrower {
  private readonly order: Int32Array;
  private readonly batch = new Int32Array(4);
  private readonly spill: Int32Array;
  private readonly stack = new TreeStack();

  constructor(
    private readonly bins: Bins,
    private readonly settings: TreeSettings,
  ) {
    this.order = Int32Array.from({ length: bins.cols }, (_, j) => j);
    this.spill = new Int32Array(bins.rows);
  }

  /**
   * Grows the tree into `nodes`, adds its weighted impurity decreases to `importance`, returns the
   * root. `onLeafRows` hears how many in-bag rows have reached a leaf so far (a tree over a million
   * rows takes seconds; this is the only place inside it where progress is known); it may throw
   * to stop the tree.
   */
  grow(
    rows: TreeRows,
    rng: Rng,
    nodes: ForestNodes,
    importance: Float64Array,
    onLeafRows?: (settled: number) => void,
  ): number {
    const { maxDepth, minSamplesLeaf, minSamplesSplit } = this.settings;
    const { index, weights } = rows;
    const stack = this.stack;
    const node: NodeRows = { index, start: 0, end: 0, totalWeight: 0, totalWeight1: 0 };
    const best: SplitChoice = { score: 0, column: -1, edge: 0, leftWeight: 0, leftWeight1: 0 };

    let totalWeight = 0;
    let totalWeight1 = 0;
    for (let i = 0; i < index.length; i++) {
      totalWeight += weights[2 * index[i]!]!;
      totalWeight1 += weights[2 * index[i]! + 1]!;
    }
    const root = nodes.reserve(1);
    stack.push(root, 0, index.length, 0, totalWeight, totalWeight1);
    let settled = 0;
    let reportAt = REPORT_EVERY_ROWS;

    while (stack.pop()) {
      const { id, start, end, depth, weight: w, weight1: w1 } = stack;
      const n = end - start;
      if (settled >= reportAt && onLeafRows) {
        onLeafRows(settled);
        reportAt = settled + REPORT_EVERY_ROWS;
      }
      // Pure nodes stop (sklearn: impurity <= EPSILON); so do nodes the limits forbid splitting.
      // Their share is snapped to exactly 0 or 1: subtraction leaves ±1e-17 crumbs otherwise.
      const pure0 = w1 <= PURE_TOLERANCE * w;
      const pure1 = w - w1 <= PURE_TOLERANCE * w;
      nodes.setLeaf(id, pure0 ? 0 : pure1 ? 1 : w1 / w);
      const pure = pure0 || pure1;
      if (pure || depth >= maxDepth || n < minSamplesSplit || n < 2 * minSamplesLeaf) {
        settled += n;
        continue;
      }

      node.start = start;
      node.end = end;
      node.totalWeight = w;
      node.totalWeight1 = w1;
      best.score = Number.NEGATIVE_INFINITY;
      best.column = -1;
      this.searchSplit(node, weights, rng, best);
      if (best.column < 0) {
        settled += n;
        continue;
      }

      const column = best.column;
      const mid = partitionRows(this.bins, this.spill, index, start, end, column, best.edge);
      const left = nodes.reserve(2);
      nodes.feature[id] = column;
      nodes.threshold[id] = this.bins.edges[column * 255 + best.edge]!;
      nodes.left[id] = left;
      nodes.right[id] = left + 1;
      // Weighted impurity decrease N·gini − N_L·gini_L − N_R·gini_R; the score is its varying part.
      importance[column] = importance[column]! + best.score - (w1 * w1 + (w - w1) * (w - w1)) / w;
      stack.push(left + 1, mid, end, depth + 1, w - best.leftWeight, w1 - best.leftWeight1);
      stack.push(left, start, mid, depth + 1, best.leftWeight, best.leftWeight1);
    }
    return root;
  }

  /**
   * Draws columns without replacement and offers their splits to `best`. Columns are drawn in
   * batches of at most the number still needed, so the draws and their order are exactly those of
   * drawing one at a time (the tree does not depend on the batching).
   */
  private searchSplit(node: NodeRows, weights: Float64Array, rng: Rng, best: SplitChoice): void {
    const { codes, cols, edgeCount } = this.bins;
    const { maxFeatures, minSamplesLeaf } = this.settings;
    const { order, batch } = this;
    const small = node.end - node.start <= SMALL_NODE;
    let visited = 0;
    let drawn = 0;
    while (visited < maxFeatures && drawn < cols) {
      let size = 0;
      const wanted = Math.min(4, maxFeatures - visited);
      while (size < wanted && drawn < cols) {
        const pick = drawn + rng.below(cols - drawn);
        const column = order[pick]!;
        order[pick] = order[drawn]!;
        order[drawn++] = column;
        // A column constant over the whole training set can never split; it is not a visit.
        if (edgeCount[column]! > 0) batch[size++] = column;
      }
      if (small) {
        for (let k = 0; k < size; k++) {
          if (offerSmallColumnSplits(codes, cols, batch[k]!, node, weights, minSamplesLeaf, best)) visited++;
        }
        continue;
      }
      if (size === 4) fillHistograms4(codes, cols, batch[0]!, batch[1]!, batch[2]!, batch[3]!, node, weights);
      else for (let k = 0; k < size; k++) fillHistogram(codes, cols, batch[k]!, k, node, weights);
      for (let k = 0; k < size; k++) {
        const column = batch[k]!;
        if (offerHistogramSplits(k, column, edgeCount[column]! + 1, node, minSamplesLeaf, best)) visited++;
      }
    }
  }
}
