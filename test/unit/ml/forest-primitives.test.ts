import { describe, expect, it } from 'vitest';
import { binMatrix } from '../../../src-main/core/ml/forest/binning.js';
import { floorToFloat32 } from '../../../src-main/core/ml/forest/float32.js';
import { averagePathLength, deriveSeed, percentile, Rng } from '../../../src-main/core/ml/forest/index.js';
import { sampleWithoutReplacement } from '../../../src-main/core/ml/forest/sample.js';
import { sortableKey, thresholdKey } from '../../../src-main/core/ml/forest/sortable-keys.js';
import { matrixOf } from './forest-data.js';

describe('averagePathLength (sklearn _average_path_length)', () => {
  it('matches values computed by hand: c(n) = 2(ln(n−1) + γ) − 2(n−1)/n', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // 2(ln 2 + 0.5772156649) − 4/3
    expect(averagePathLength(3)).toBeCloseTo(1.20739235758962, 12);
    // 2(ln 3 + γ) − 6/4
    expect(averagePathLength(4)).toBeCloseTo(1.85165590713929, 12);
    // 2(ln 255 + γ) − 510/256
    expect(averagePathLength(256)).toBeCloseTo(10.2447709201199, 12);
  });
});

describe('Rng', () => {
  it('repeats for a seed and differs between seeds and streams', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(new Rng(43).nextU32()).not.toBe(xs[0]);
    expect(deriveSeed(7, 0)).not.toBe(deriveSeed(7, 1));
    expect(deriveSeed(7, 3)).toBe(deriveSeed(7, 3));
  });

  it('draws floats in [0, 1) and integers in range, roughly uniformly', () => {
    const rng = new Rng(1);
    const counts = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const f = rng.nextFloat();
      if (!(f >= 0 && f < 1)) outside++;
      counts[rng.below(10)]++;
    }
    // Counted, not asserted per draw: 100 000 expect() calls took seconds.
    expect(outside).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('samples distinct values without replacement, sparse and dense', () => {
    for (const [n, k] of [
      [1_000_000, 256],
      [300, 256],
      [5, 5],
    ] as const) {
      const s = sampleWithoutReplacement(n, k, new Rng(9));
      expect(new Set(s).size).toBe(k);
      for (const v of s) expect(v >= 0 && v < n).toBe(true);
    }
  });
});

describe('float32 helpers', () => {
  it('floorToFloat32 never rounds up, so x <= t is unchanged for every float32 x', () => {
    for (const v of [0.1, -0.1, 1 / 3, -1 / 3, 1e-46, -1e-46, 123456.789, 0, 3]) {
      const t = floorToFloat32(v);
      expect(t).toBeLessThanOrEqual(v);
      expect(Math.fround(t)).toBe(t);
      // The next float32 above t is above v.
      const above = new Float32Array([t]);
      const bits = new Int32Array(above.buffer);
      if (t >= 0) bits[0] = bits[0]! + 1;
      else bits[0] = bits[0]! - 1;
      if (t !== 0) expect(above[0]!).toBeGreaterThan(v);
    }
  });

  it('sortable keys order like the floats, and a zero threshold sends both zeros left', () => {
    const values = new Float32Array([-1e30, -2.5, -1e-40, -0, 0, 1e-40, 0.5, 3, 1e30]);
    const keys = Array.from(new Int32Array(values.buffer), sortableKey);
    for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeGreaterThan(keys[i - 1]!);
    const zero = thresholdKey(-0);
    expect(keys[3]! <= zero && keys[4]! <= zero && keys[5]! > zero).toBe(true);
  });
});

describe('percentile (numpy linear)', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([10, 20, 30, 40, 50], 10)).toBeCloseTo(14, 12);
  });
});

describe('binMatrix', () => {
  it('keeps every distinct value apart when there are ≤ 256, with edges at midpoints', () => {
    const bins = binMatrix(matrixOf([[3], [1], [2], [1], [5]]));
    expect(bins.edgeCount[0]).toBe(3);
    expect(Array.from(bins.edges.subarray(0, 3))).toEqual([1.5, 2.5, 4]);
    expect(Array.from(bins.codes)).toEqual([2, 0, 1, 0, 3]);
  });

  it('cuts many distinct values into at most 256 roughly equal bins, codes agreeing with edges', () => {
    const rows = 10_000;
    const rng = new Rng(5);
    const data = Float32Array.from({ length: rows }, () => rng.normal());
    const bins = binMatrix({ data, rows, cols: 1 });
    const edges = bins.edges.subarray(0, bins.edgeCount[0]);
    expect(edges.length).toBe(255);
    const perBin = new Array(256).fill(0);
    for (let i = 0; i < rows; i++) {
      const code = bins.codes[i]!;
      perBin[code]++;
      if (code > 0) expect(data[i]!).toBeGreaterThan(edges[code - 1]!);
      if (code < edges.length) expect(data[i]!).toBeLessThanOrEqual(edges[code]!);
    }
    expect(Math.max(...perBin)).toBeLessThan(2 * (rows / 256));
  });

  it('gives a constant column no edges', () => {
    const bins = binMatrix(matrixOf([[7], [7], [7]]));
    expect(bins.edgeCount[0]).toBe(0);
  });
});
