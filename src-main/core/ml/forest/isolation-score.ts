// biome-ignore-all lint/style/noNonNullAssertion: the scoring kernel: every row walks every tree through flat Int32Array/Float64Array node tables in cache-sized blocks (100 trees × 1 M rows); node and row indexes are bounded by the layout checked on load, and a check per read would cost in the hottest loop of scoring.
// Anomaly scores with scikit-learn's `score_samples` definition: −2^(−E[h(x)] / c(ψ)), where h is
// the path length to the leaf plus c(leaf size). Lower = more anomalous; −0.5 is "average".
//
// Loop order is what makes this fast: rows are taken in blocks small enough to stay in cache,
// and each tree (a few KB) walks the whole block before the next tree is touched; four rows walk
// a tree side by side so their independent load chains overlap; the comparison is branch-free
// (sortable-keys.ts); nothing is allocated per row.

import { isolationLayout } from './isolation-layout.js';
import type { IsolationForestModel } from './isolation-types.js';
import type { DenseMatrix } from './matrix.js';
import { averagePathLength } from './path-length.js';
import { scoringBlockRows } from './scoring-block.js';
import { fillKeys } from './sortable-keys.js';

export function scoreSamples(
  model: IsolationForestModel,
  matrix: DenseMatrix,
  out: Float64Array = new Float64Array(matrix.rows),
): Float64Array {
  sumPathLengths(model, matrix, out);
  const denominator = model.arrays.roots.length * averagePathLength(model.params.maxSamples);
  for (let r = 0; r < matrix.rows; r++) {
    // sklearn scores ψ = 1 (c = 0) as if the ratio were 1.
    const ratio = denominator > 0 ? out[r]! / denominator : 1;
    out[r] = -(2 ** -ratio);
  }
  return out;
}

/** Mean path length E[h(x)] per row (the quantity the score is built from). */
export function meanPathLengths(
  model: IsolationForestModel,
  matrix: DenseMatrix,
  out: Float64Array = new Float64Array(matrix.rows),
): Float64Array {
  sumPathLengths(model, matrix, out);
  const trees = model.arrays.roots.length;
  for (let r = 0; r < matrix.rows; r++) out[r] = out[r]! / trees;
  return out;
}

/** Σ over trees of h(x) for every row, written into `out`. */
function sumPathLengths(model: IsolationForestModel, matrix: DenseMatrix, out: Float64Array): void {
  // Four rows walk side by side, so a block holds at least four.
  const block = scoringBlockRows(matrix, model.params.cols, out, 4);
  const { next, feature, thresholdKey: tk, pathLength, treeDepth } = isolationLayout(model.arrays);
  const roots = model.arrays.roots;
  const { data, rows, cols } = matrix;
  const bits = new Int32Array(data.buffer, data.byteOffset, data.length);
  const keys = new Int32Array(block * cols);
  out.fill(0, 0, rows);

  for (let start = 0; start < rows; start += block) {
    const m = Math.min(rows, start + block) - start;
    fillKeys(bits, start * cols, m * cols, keys);
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t]!;
      const steps = treeDepth[t]!;
      let r = 0;
      for (; r + 4 <= m; r += 4) {
        const b0 = r * cols;
        const b1 = b0 + cols;
        const b2 = b1 + cols;
        const b3 = b2 + cols;
        let n0 = root;
        let n1 = root;
        let n2 = root;
        let n3 = root;
        let t0 = 0;
        let x0 = 0;
        let d0 = 0;
        for (let k = 0; k < steps; k++) {
          // next + (x > t), branch-free; see sortable-keys.ts for the identity.
          t0 = tk[n0]!;
          x0 = keys[b0 + feature[n0]!]!;
          d0 = (t0 - x0) | 0;
          n0 = next[n0]! + ((d0 ^ ((t0 ^ x0) & (d0 ^ t0))) >>> 31);
          t0 = tk[n1]!;
          x0 = keys[b1 + feature[n1]!]!;
          d0 = (t0 - x0) | 0;
          n1 = next[n1]! + ((d0 ^ ((t0 ^ x0) & (d0 ^ t0))) >>> 31);
          t0 = tk[n2]!;
          x0 = keys[b2 + feature[n2]!]!;
          d0 = (t0 - x0) | 0;
          n2 = next[n2]! + ((d0 ^ ((t0 ^ x0) & (d0 ^ t0))) >>> 31);
          t0 = tk[n3]!;
          x0 = keys[b3 + feature[n3]!]!;
          d0 = (t0 - x0) | 0;
          n3 = next[n3]! + ((d0 ^ ((t0 ^ x0) & (d0 ^ t0))) >>> 31);
        }
        const o = start + r;
        out[o] = out[o]! + pathLength[n0]!;
        out[o + 1] = out[o + 1]! + pathLength[n1]!;
        out[o + 2] = out[o + 2]! + pathLength[n2]!;
        out[o + 3] = out[o + 3]! + pathLength[n3]!;
      }
      for (; r < m; r++) {
        const b = r * cols;
        let node = root;
        for (let k = 0; k < steps; k++) {
          const th = tk[node]!;
          const x = keys[b + feature[node]!]!;
          const d = (th - x) | 0;
          node = next[node]! + ((d ^ ((th ^ x) & (d ^ th))) >>> 31);
        }
        out[start + r] = out[start + r]! + pathLength[node]!;
      }
    }
  }
}
