import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src-main/core/ml/forest/index.js';
import { sampleWithoutReplacement } from '../../../src-main/core/ml/forest/sample.js';
import type { NodeRows, SplitChoice } from '../../../src-main/core/ml/forest/split-choice.js';
import { fillHistogram, offerHistogramSplits } from '../../../src-main/core/ml/forest/split-histogram.js';
import { offerSmallColumnSplits, SMALL_NODE } from '../../../src-main/core/ml/forest/split-small.js';

const emptyChoice = (): SplitChoice => ({
  score: Number.NEGATIVE_INFINITY,
  column: -1,
  edge: 0,
  leftWeight: 0,
  leftWeight1: 0,
});

describe('split search: the sorted small-node path and the histogram path agree', () => {
  it('choose the same column, edge and child weights on random small nodes with ties', () => {
    const rng = new Rng(31);
    const cols = 3;
    const rows = 400;
    for (let trial = 0; trial < 300; trial++) {
      // Few distinct codes in some trials (heavy ties), spread codes in others.
      const spread = trial % 2 ? 256 : 1 + rng.below(6);
      const codes = Uint8Array.from({ length: rows * cols }, () => rng.below(spread));
      // Integer weights (bootstrap counts × class weight 1) keep every sum exact on both paths.
      const weights = new Float64Array(2 * rows);
      for (let r = 0; r < rows; r++) {
        const count = rng.below(3);
        weights[2 * r] = count;
        weights[2 * r + 1] = rng.nextFloat() < 0.4 ? count : 0;
      }
      const n = 2 + rng.below(SMALL_NODE - 1);
      const index = sampleWithoutReplacement(rows, n, rng).sort();
      const node: NodeRows = { index, start: 0, end: n, totalWeight: 0, totalWeight1: 0 };
      for (const r of index) {
        node.totalWeight += weights[2 * r]!;
        node.totalWeight1 += weights[2 * r + 1]!;
      }
      const minSamplesLeaf = 1 + rng.below(3);
      const small = emptyChoice();
      const histogram = emptyChoice();
      for (let column = 0; column < cols; column++) {
        const a = offerSmallColumnSplits(codes, cols, column, node, weights, minSamplesLeaf, small);
        fillHistogram(codes, cols, column, 0, node, weights);
        const b = offerHistogramSplits(0, column, 256, node, minSamplesLeaf, histogram);
        expect(a).toBe(b);
      }
      expect(small).toEqual(histogram);
    }
  });

  it('find the best Gini boundary of a hand-made node', () => {
    // Codes 0,0,1,2,2 with labels 0,0,0,1,1: the pure cut is between codes 1 and 2 (edge 1).
    const codes = Uint8Array.from([0, 0, 1, 2, 2]);
    const weights = Float64Array.from([1, 0, 1, 0, 1, 0, 1, 1, 1, 1]);
    const node: NodeRows = {
      index: Int32Array.from([0, 1, 2, 3, 4]),
      start: 0,
      end: 5,
      totalWeight: 5,
      totalWeight1: 2,
    };
    const best = emptyChoice();
    expect(offerSmallColumnSplits(codes, 1, 0, node, weights, 1, best)).toBe(true);
    // Pure children: 3²/3 + 2²/2 = 5.
    expect(best).toEqual({ score: 5, column: 0, edge: 1, leftWeight: 3, leftWeight1: 0 });
  });
});
