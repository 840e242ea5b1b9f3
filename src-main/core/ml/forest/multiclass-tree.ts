// biome-ignore-all lint/style/noNonNullAssertion: grows a tree over typed-array row partitions, codes, weights and class totals of the node (indexes bounded by the node's start..end range and K); a check per read would slow every node of every tree.
// Grows one Gini classification tree over K classes on binned data, exactly as the two-class
// TreeGrower (classification-tree.ts) does: depth first, columns drawn at random without
// replacement (constant ones not counting toward maxFeatures), the best boundary over them, stops
// on purity, depth, minSamplesSplit, minSamplesLeaf or no varying column. With K = 2 and integer
// weights it draws the same random numbers and grows the same tree (a test holds it to that).

import type { Bins } from './binning.js';
import type { TreeSettings } from './classification-tree.js';
import { type ClassNodeRows, type ClassSplitChoice, newChoice } from './multiclass-choice.js';
import {
  fillClassHistogram,
  fillClassHistograms4,
  offerClassHistogramSplits,
} from './multiclass-histogram.js';
import type { MulticlassNodes } from './multiclass-nodes.js';
import { offerSmallClassSplits } from './multiclass-small.js';
import { MulticlassStack } from './multiclass-stack.js';
import { partitionRows } from './partition.js';
import type { Rng } from './random.js';
import { SMALL_NODE } from './split-small.js';

// Child totals come from subtractions, so purity is judged with a relative tolerance.
const PURE_TOLERANCE = 1e-12;
/** Rows settled in leaves between two progress calls: a few calls per tree at a million rows. */
const REPORT_EVERY_ROWS = 1 << 16;

export interface ClassTreeRows {
  /** Distinct in-bag row ids, ascending. */
  index: Int32Array;
  /** Per row: bootstrap count × class weight. */
  weight: Float64Array;
  /** Per row: class code 0 … K−1. */
  label: Uint8Array;
}

/** Reused across trees so that growing allocates only when the node store or stack doubles. */
export class MulticlassTreeGrower {
  private readonly order: Int32Array;
  private readonly batch = new Int32Array(4);
  private readonly spill: Int32Array;
  private readonly stack: MulticlassStack;
  private readonly right: Float64Array;
  private readonly best: ClassSplitChoice;

  constructor(
    private readonly bins: Bins,
    private readonly classes: number,
    private readonly settings: TreeSettings,
  ) {
    this.order = Int32Array.from({ length: bins.cols }, (_, j) => j);
    this.spill = new Int32Array(bins.rows);
    this.stack = new MulticlassStack(classes);
    this.right = new Float64Array(classes);
    this.best = newChoice(classes);
  }

  /**
   * Grows the tree into `nodes`, adds its weighted impurity decreases to `importance`, returns the
   * root. `onLeafRows` hears how many in-bag rows have reached a leaf so far; it may throw.
   */
  grow(
    rows: ClassTreeRows,
    rng: Rng,
    nodes: MulticlassNodes,
    importance: Float64Array,
    onLeafRows?: (settled: number) => void,
  ): number {
    const { maxDepth, minSamplesLeaf, minSamplesSplit } = this.settings;
    const { index, weight, label } = rows;
    const { stack, best, right, classes } = this;
    const rootTotals = new Float64Array(classes);
    for (let i = 0; i < index.length; i++) {
      const row = index[i]!;
      rootTotals[label[row]!] = rootTotals[label[row]!]! + weight[row]!;
    }
    const node: ClassNodeRows = { index, start: 0, end: 0, classes, totalWeight: 0, totals: stack.totals };
    const root = nodes.reserve(1);
    stack.push(root, 0, index.length, 0, rootTotals);
    let settled = 0;
    let reportAt = REPORT_EVERY_ROWS;

    while (stack.pop()) {
      const { id, start, end, depth, totals } = stack;
      const n = end - start;
      if (settled >= reportAt && onLeafRows) {
        onLeafRows(settled);
        reportAt = settled + REPORT_EVERY_ROWS;
      }
      let w = 0;
      let top = 0;
      let topClass = 0;
      let squares = 0;
      for (let c = 0; c < classes; c++) {
        const t = totals[c]!;
        w += t;
        squares += t * t;
        if (t > top) {
          top = t;
          topClass = c;
        }
      }
      // Pure nodes stop (sklearn: impurity <= EPSILON); so do nodes the limits forbid splitting.
      const pure = w - top <= PURE_TOLERANCE * w;
      nodes.setShares(id, totals, w, pure ? topClass : -1);
      if (pure || depth >= maxDepth || n < minSamplesSplit || n < 2 * minSamplesLeaf) {
        settled += n;
        continue;
      }

      node.start = start;
      node.end = end;
      node.totalWeight = w;
      best.score = Number.NEGATIVE_INFINITY;
      best.column = -1;
      this.searchSplit(node, weight, label, rng);
      if (best.column < 0) {
        settled += n;
        continue;
      }

      const column = best.column;
      const mid = partitionRows(this.bins, this.spill, index, start, end, column, best.edge);
      const left = nodes.reserve(2);
      const tree = nodes.tree;
      tree.feature[id] = column;
      tree.threshold[id] = this.bins.edges[column * 255 + best.edge]!;
      tree.left[id] = left;
      tree.right[id] = left + 1;
      // Weighted impurity decrease N·gini − N_L·gini_L − N_R·gini_R; the score is its varying part.
      importance[column] = importance[column]! + best.score - squares / w;
      for (let c = 0; c < classes; c++) right[c] = totals[c]! - best.leftTotals[c]!;
      stack.push(left + 1, mid, end, depth + 1, right);
      stack.push(left, start, mid, depth + 1, best.leftTotals);
    }
    return root;
  }

  /** Draws columns without replacement, in batches of at most the number still needed. */
  private searchSplit(node: ClassNodeRows, weight: Float64Array, label: Uint8Array, rng: Rng): void {
    const { codes, cols, edgeCount } = this.bins;
    const { maxFeatures, minSamplesLeaf } = this.settings;
    const { order, batch, best } = this;
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
        if (edgeCount[column]! > 0) batch[size++] = column;
      }
      if (small) {
        for (let k = 0; k < size; k++) {
          if (offerSmallClassSplits(codes, cols, batch[k]!, node, weight, label, minSamplesLeaf, best))
            visited++;
        }
        continue;
      }
      if (size === 4)
        fillClassHistograms4(codes, cols, batch[0]!, batch[1]!, batch[2]!, batch[3]!, node, weight, label);
      else for (let k = 0; k < size; k++) fillClassHistogram(codes, cols, batch[k]!, k, node, weight, label);
      for (let k = 0; k < size; k++) {
        const column = batch[k]!;
        if (offerClassHistogramSplits(k, column, edgeCount[column]! + 1, node, minSamplesLeaf, best))
          visited++;
      }
    }
  }
}
