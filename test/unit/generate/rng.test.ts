import { describe, expect, it } from 'vitest';
import { cumulative, Rng } from '../../../src-main/core/generate/rng.js';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('repeats its sequence for the same seed and stream', () => {
    expect(draw(new Rng(42, 'benign'), 1000)).toEqual(draw(new Rng(42, 'benign'), 1000));
  });

  it('gives unrelated sequences for other seeds and other streams, from the first value on', () => {
    const base = draw(new Rng(42, 'a'), 50);
    for (const other of [new Rng(43, 'a'), new Rng(42, 'b'), new Rng(42 + 2 ** 32, 'a')]) {
      const values = draw(other, 50);
      expect(values[0]).not.toBe(base[0]);
      expect(values.filter((v, i) => v === base[i])).toEqual([]);
    }
  });

  it('draws uniform floats in [0, 1) and integers in [0, n)', () => {
    const rng = new Rng(1);
    const buckets = new Array(10).fill(0);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const f = rng.float();
      sum += f;
      min = Math.min(min, f);
      max = Math.max(max, f);
      buckets[rng.int(10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws standard normals and log-normals with the asked median', () => {
    const rng = new Rng(2);
    const normals = Array.from({ length: 50_000 }, () => rng.normal());
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    const sd = Math.sqrt(normals.reduce((a, b) => a + (b - mean) ** 2, 0) / normals.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
    const logs = Array.from({ length: 50_001 }, () => rng.logNormal(13_000, 1.2)).sort((a, b) => a - b);
    expect(Math.abs(logs[25_000]! / 13_000 - 1)).toBeLessThan(0.05);
  });

  it('picks indexes in proportion to weights and never one of weight 0', () => {
    const rng = new Rng(3);
    const sums = cumulative([0.7, 0, 0.2, 0.1, 0]);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[rng.weighted(sums)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[4]).toBe(0);
    expect(counts[0]! / 100_000).toBeCloseTo(0.7, 1);
    expect(counts[2]! / 100_000).toBeCloseTo(0.2, 1);
    expect(counts[3]! / 100_000).toBeCloseTo(0.1, 1);
  });
});
