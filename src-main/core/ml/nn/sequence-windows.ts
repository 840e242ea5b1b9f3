// biome-ignore-all lint/style/noNonNullAssertion: the Conv1D input kernel: the finiteness check reads every value of x and each window step follows the previous-row chain through Int32Arrays, indexes bounded by construction; a check per read would slow every training batch and scoring chunk.
// The Conv1D input: for each row, the feature vectors of the last `window` rows of the same
// source up to and including it, oldest first and the row itself last, zero-padded in front
// when the source has fewer rows so far. Built by walking a "previous row of this source" chain,
// so any subset of rows (a training batch, a scoring chunk) is filled without materialising
// every row's window at once.
import type { NetData } from './types.js';

/** For each row, the index of the previous row with the same sourceKey, or −1. */
export function previousRowOfSource(sourceKey: Int32Array): Int32Array {
  const previous = new Int32Array(sourceKey.length);
  const last = new Map<number, number>();
  for (let r = 0; r < sourceKey.length; r++) {
    const key = sourceKey[r]!;
    previous[r] = last.get(key) ?? -1;
    last.set(key, r);
  }
  return previous;
}

/** Writes the windows of `rows` into `out` (length ≥ rows.length × window × features). */
export function fillWindows(
  data: NetData,
  window: number,
  previous: Int32Array,
  rows: ArrayLike<number>,
  out: Float32Array,
): void {
  const { x, features } = data;
  const rowSize = window * features;
  for (let i = 0; i < rows.length; i++) {
    const base = i * rowSize;
    let row = rows[i]!;
    let step = window - 1;
    for (; step >= 0 && row >= 0; step--) {
      out.set(x.subarray(row * features, (row + 1) * features), base + step * features);
      row = previous[row]!;
    }
    if (step >= 0) out.fill(0, base, base + (step + 1) * features);
  }
}

/** Every row's window (or those of `rows`), as a `rows × window × features` array. */
export function sequenceWindows(data: NetData, window: number, rows?: ArrayLike<number>): Float32Array {
  checkData(data);
  const selected = rows ?? Int32Array.from({ length: data.rows }, (_, r) => r);
  const out = new Float32Array(selected.length * window * data.features);
  fillWindows(data, window, previousRowOfSource(data.sourceKey), selected, out);
  return out;
}

export function checkData(data: NetData): void {
  if (data.x.length !== data.rows * data.features) {
    throw new RangeError(
      `x has ${data.x.length} values, expected rows × features = ${data.rows * data.features}`,
    );
  }
  if (data.sourceKey.length !== data.rows) {
    throw new RangeError(`sourceKey has ${data.sourceKey.length} entries for ${data.rows} rows`);
  }
  // One NaN turns every loss and score into NaN; say where it is instead.
  for (let i = 0; i < data.x.length; i++) {
    if (!Number.isFinite(data.x[i]!)) {
      const row = Math.floor(i / data.features);
      throw new RangeError(`x is not finite at row ${row}, feature ${i - row * data.features}`);
    }
  }
}
