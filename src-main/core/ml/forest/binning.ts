// biome-ignore-all lint/style/noNonNullAssertion: sorts and cuts every column of the training matrix and then codes each of its cells (rows × columns of typed arrays, indexes bounded by the loops); a check per cell would slow binning of the whole matrix.
// Quantile binning for the random forest. Each column is sorted once and cut into at most 256
// bins; tree growing then works on Uint8 codes (see split-histogram.ts for why). Cut points sit
// at midpoints between adjacent distinct training values, as sklearn places its thresholds, so a
// column with ≤ 256 distinct values loses nothing and a split "code ≤ b" is the raw-value split
// "x ≤ edge[b]" — trees store raw thresholds and predict on raw floats, never on codes.

import { floorToFloat32 } from './float32.js';
import type { DenseMatrix } from './matrix.js';

export const MAX_BINS = 256;

export interface Bins {
  /**
   * Row-major codes, `codes[i * cols + j]`: a node's rows are visited once for several columns,
   * and one row's codes share a cache line.
   */
  codes: Uint8Array;
  rows: number;
  cols: number;
  /** Upper edges, `MAX_BINS − 1` slots per column: code b holds values in (edge[b−1], edge[b]]. */
  edges: Float32Array;
  /** Number of edges used per column (codes run 0 .. count). */
  edgeCount: Int32Array;
}

/** `onColumn` hears each binned column: sorting a million rows' columns takes seconds. */
export function binMatrix(
  matrix: DenseMatrix,
  maxBins = MAX_BINS,
  onColumn?: (binned: number, cols: number) => void,
): Bins {
  const { data, rows, cols } = matrix;
  if (!(maxBins >= 2 && maxBins <= MAX_BINS)) throw new RangeError(`maxBins must be in [2, ${MAX_BINS}]`);
  const stride = MAX_BINS - 1;
  const bins: Bins = {
    codes: new Uint8Array(rows * cols),
    rows,
    cols,
    edges: new Float32Array(cols * stride),
    edgeCount: new Int32Array(cols),
  };
  const column = new Float32Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + j]!;
    const sorted = column.slice().sort();
    const edges = columnEdges(sorted, maxBins);
    bins.edges.set(edges, j * stride);
    bins.edgeCount[j] = edges.length;
    encodeColumn(column, edges, bins.codes, j, cols);
    onColumn?.(j + 1, cols);
  }
  return bins;
}

/** Edges for one sorted column: one per gap between distinct values, or quantile cuts if too many. */
function columnEdges(sorted: Float32Array, maxBins: number): Float32Array {
  const n = sorted.length;
  const distinct: number[] = [];
  for (let i = 0; i < n && distinct.length <= maxBins; i++) {
    if (i === 0 || sorted[i]! !== sorted[i - 1]!) distinct.push(sorted[i]!);
  }
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let k = 1; k < distinct.length; k++) cuts.push(midpoint(distinct[k - 1]!, distinct[k]!));
    return Float32Array.from(cuts);
  }
  // Cut before the value at each rank k·n/maxBins, i.e. between it and the next smaller distinct
  // value; heavy ties collapse several cuts into one, which the dedup below absorbs.
  for (let k = 1; k < maxBins; k++) {
    const at = Math.floor((k * n) / maxBins);
    const value = sorted[at]!;
    const below = lowerBound(sorted, value);
    if (below === 0) continue;
    const edge = midpoint(sorted[below - 1]!, value);
    if (cuts.length === 0 || edge > cuts[cuts.length - 1]!) cuts.push(edge);
  }
  return Float32Array.from(cuts);
}

/**
 * A float32 t with lo <= t < hi: the midpoint rounded down to float32, so that for every float32 x,
 * x <= t exactly when x <= lo (rounding to nearest could land on hi).
 */
function midpoint(lo: number, hi: number): number {
  return floorToFloat32(lo + (hi - lo) / 2);
}

/** First index whose value is >= `value` in an ascending array. */
function lowerBound(sorted: Float32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** code = number of edges below x, by binary search over the (≤ 255) edges. */
function encodeColumn(
  values: Float32Array,
  edges: Float32Array,
  codes: Uint8Array,
  j: number,
  cols: number,
): void {
  const m = edges.length;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x > edges[mid]!) lo = mid + 1;
      else hi = mid;
    }
    codes[i * cols + j] = lo;
  }
}
