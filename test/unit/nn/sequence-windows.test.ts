import { describe, expect, it } from 'vitest';
import { previousRowOfSource, sequenceWindows } from '../../../src-main/core/ml/nn/index.js';

describe('sequenceWindows', () => {
  // Five rows in time order from sources 7 and 9; one feature pair per row: [row, row × 10].
  const data = {
    x: Float32Array.from([1, 10, 2, 20, 3, 30, 4, 40, 5, 50]),
    rows: 5,
    features: 2,
    sourceKey: Int32Array.from([7, 9, 7, 7, 9]),
  };

  it('links each row to the previous row of its own source', () => {
    expect(Array.from(previousRowOfSource(data.sourceKey))).toEqual([-1, -1, 0, 2, 1]);
  });

  it('lays out a source history oldest first, the row itself last, zero-padded in front', () => {
    const windows = sequenceWindows(data, 3);
    const window = (r: number) => Array.from(windows.subarray(r * 6, (r + 1) * 6));
    expect(window(0)).toEqual([0, 0, 0, 0, 1, 10]);
    expect(window(1)).toEqual([0, 0, 0, 0, 2, 20]);
    expect(window(2)).toEqual([0, 0, 1, 10, 3, 30]);
    // Row 3 has three rows of source 7 up to it: a full window, no padding.
    expect(window(3)).toEqual([1, 10, 3, 30, 4, 40]);
    expect(window(4)).toEqual([0, 0, 2, 20, 5, 50]);
  });

  it('keeps only the most recent rows when a source has more than the window', () => {
    expect(Array.from(sequenceWindows(data, 2, [3]))).toEqual([3, 30, 4, 40]);
  });

  it('refuses data whose sizes disagree or that holds NaN', () => {
    expect(() => sequenceWindows({ ...data, rows: 4 }, 3)).toThrow(/rows × features/);
    const x = Float32Array.from(data.x);
    x[7] = Number.NaN;
    expect(() => sequenceWindows({ ...data, x }, 3)).toThrow(/not finite at row 3, feature 1/);
  });
});
