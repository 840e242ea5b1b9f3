import { describe, expect, it } from 'vitest';
import { curvePoints } from '../../../src-main/core/ml/evaluate/curves.js';

describe('curvePoints', () => {
  it('steps one distinct threshold at a time, tied scores together (hand-computed)', () => {
    const { roc, pr } = curvePoints([0.9, 0.8, 0.8, 0.3, 0.1], Uint8Array.of(1, 0, 1, 0, 1));
    expect(roc).toEqual([
      [0, 0],
      [0, 1 / 3],
      [0.5, 2 / 3],
      [1, 2 / 3],
      [1, 1],
    ]);
    expect(pr).toEqual([
      [1 / 3, 1],
      [2 / 3, 2 / 3],
      [2 / 3, 0.5],
      [1, 0.6],
    ]);
  });

  it('thins long curves to the asked size, keeping both ends', () => {
    const n = 5000;
    const scores = Float64Array.from({ length: n }, (_, i) => i / n);
    const labels = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const { roc, pr } = curvePoints(scores, labels, 200);
    expect(roc).toHaveLength(200);
    expect(pr).toHaveLength(200);
    expect(roc[0]).toEqual([0, 0]);
    expect(roc.at(-1)).toEqual([1, 1]);
    expect(pr.at(-1)![0]).toBe(1);
    for (let i = 1; i < roc.length; i++) expect(roc[i]![0]).toBeGreaterThanOrEqual(roc[i - 1]![0]);
  });
});
