// Small synthetic data sets for the forest tests, generated from a seed so every run sees the
// same rows.
import type { DenseMatrix } from '../../../src-main/core/ml/forest/index.js';
import { Rng } from '../../../src-main/core/ml/forest/index.js';

export function matrixOf(rows: number[][]): DenseMatrix {
  const cols = rows[0]?.length ?? 1;
  return { data: Float32Array.from(rows.flat()), rows: rows.length, cols };
}

export function rowOf(matrix: DenseMatrix, r: number): Float32Array {
  return matrix.data.subarray(r * matrix.cols, (r + 1) * matrix.cols);
}

/** Gaussian inliers plus `outliers` rows pushed 4-6 σ out on two random columns; label 1 = outlier. */
export function outlierData(rows: number, cols: number, outliers: number, seed: number) {
  const rng = new Rng(seed);
  const data = new Float32Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  for (let k = 0; k < outliers; k++) {
    const r = rng.below(rows);
    labels[r] = 1;
    for (let m = 0; m < 2; m++) {
      const c = rng.below(cols);
      data[r * cols + c] = (rng.nextFloat() < 0.5 ? -1 : 1) * (4 + 2 * rng.nextFloat());
    }
  }
  return { matrix: { data, rows, cols }, labels };
}

/** Label = (x0 > 0) XOR (x1 > 0.3), flipped with probability `noise`; columns 2.. are noise. */
export function xorData(rows: number, cols: number, noise: number, seed: number) {
  const rng = new Rng(seed);
  const data = new Float32Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) data[r * cols + c] = rng.normal();
    const clean = data[r * cols]! > 0 !== data[r * cols + 1]! > 0.3 ? 1 : 0;
    labels[r] = rng.nextFloat() < noise ? 1 - clean : clean;
  }
  return { matrix: { data, rows, cols }, labels };
}

export function slice(matrix: DenseMatrix, labels: Uint8Array, from: number, to: number) {
  return {
    matrix: {
      data: matrix.data.subarray(from * matrix.cols, to * matrix.cols),
      rows: to - from,
      cols: matrix.cols,
    },
    labels: labels.subarray(from, to),
  };
}
