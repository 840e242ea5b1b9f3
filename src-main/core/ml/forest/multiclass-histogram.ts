// biome-ignore-all lint/style/noNonNullAssertion: the multi-class split kernel: one pass over a node's rows per four columns and a sweep over ≤ 256 bins × K classes, all through typed arrays indexed by bounded row, code and class numbers; a check per read would slow every node of every tree.
// Best Gini split of a node over a few columns for K classes, from histograms over each column's
// ≤ 256 bin codes (why histograms, and why no subtraction trick: split-histogram.ts). A bin holds
// K class weights and a row count: a row adds its weight to its own class only, so filling costs
// the same as for two classes and only the sweep grows with K.
//
// The histograms live in one module-level array, as in split-histogram.ts (TurboFan folds it as a
// constant; passed as a parameter it is re-checked on every iteration).

import { type ClassNodeRows, type ClassSplitChoice, offerClassBoundary } from './multiclass-choice.js';
import { MAX_CLASSES } from './multiclass-types.js';

const HIST = new Float64Array(4 * (MAX_CLASSES + 1) * 256);
/** Running left-side class totals of a sweep. */
const LEFT = new Float64Array(MAX_CLASSES);

/**
 * Fills histogram slots 0..3 for columns c0..c3 (row-major `codes`; `rowWeight` and `rowClass`
 * per row). A slot is 256 bins of K + 1 numbers.
 */
export function fillClassHistograms4(
  codes: Uint8Array,
  cols: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  node: ClassNodeRows,
  rowWeight: Float64Array,
  rowClass: Uint8Array,
): void {
  const { index, start, end, classes } = node;
  const stride = classes + 1;
  const slot = 256 * stride;
  for (let i = start; i < end; i++) {
    const row = index[i]!;
    const w = rowWeight[row]!;
    const y = rowClass[row]!;
    const at = row * cols;
    let k = stride * codes[at + c0]!;
    HIST[k + y] = HIST[k + y]! + w;
    HIST[k + classes] = HIST[k + classes]! + 1;
    k = slot + stride * codes[at + c1]!;
    HIST[k + y] = HIST[k + y]! + w;
    HIST[k + classes] = HIST[k + classes]! + 1;
    k = 2 * slot + stride * codes[at + c2]!;
    HIST[k + y] = HIST[k + y]! + w;
    HIST[k + classes] = HIST[k + classes]! + 1;
    k = 3 * slot + stride * codes[at + c3]!;
    HIST[k + y] = HIST[k + y]! + w;
    HIST[k + classes] = HIST[k + classes]! + 1;
  }
}

/** Fills one histogram slot for one column. */
export function fillClassHistogram(
  codes: Uint8Array,
  cols: number,
  column: number,
  slot: number,
  node: ClassNodeRows,
  rowWeight: Float64Array,
  rowClass: Uint8Array,
): void {
  const { index, start, end, classes } = node;
  const stride = classes + 1;
  const offset = slot * 256 * stride;
  for (let i = start; i < end; i++) {
    const row = index[i]!;
    const k = offset + stride * codes[row * cols + column]!;
    const y = k + rowClass[row]!;
    HIST[y] = HIST[y]! + rowWeight[row]!;
    HIST[k + classes] = HIST[k + classes]! + 1;
  }
}

/**
 * Offers every boundary of the column held in `slot` (with `bins` bins) to `best`, clearing the
 * slot as it sweeps. False when the column is constant in the node (one occupied bin): such
 * columns do not count toward max_features, as in sklearn.
 */
export function offerClassHistogramSplits(
  slot: number,
  column: number,
  bins: number,
  node: ClassNodeRows,
  minSamplesLeaf: number,
  best: ClassSplitChoice,
): boolean {
  const { classes } = node;
  const stride = classes + 1;
  const n = node.end - node.start;
  const offset = slot * 256 * stride;
  LEFT.fill(0, 0, classes);
  let leftCount = 0;
  let leftWeight = 0;
  let previous = -1;
  let occupied = 0;
  for (let b = 0; b < bins; b++) {
    const k = offset + stride * b;
    const count = HIST[k + classes]!;
    if (count === 0) continue;
    occupied++;
    if (previous >= 0 && leftCount >= minSamplesLeaf && n - leftCount >= minSamplesLeaf) {
      offerClassBoundary(best, node, column, previous, b, leftWeight, LEFT);
    }
    leftCount += count;
    for (let c = 0; c < classes; c++) {
      const w = HIST[k + c]!;
      LEFT[c] = LEFT[c]! + w;
      leftWeight += w;
      HIST[k + c] = 0;
    }
    HIST[k + classes] = 0;
    previous = b;
  }
  return occupied > 1;
}
