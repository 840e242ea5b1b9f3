import { describe, expect, it } from 'vitest';
import { baselineMetrics, bestF1Threshold, binaryMetrics } from '../../../src-main/core/ml/evaluate/index.js';
import { Rng, rocAuc } from '../../../src-main/core/ml/forest/index.js';

describe('evaluation metrics', () => {
  // Hand-computed: at threshold 0.5, flagged = scores 0.9, 0.8, 0.6 → tp 2, fp 1; fn 1 (0.4), tn 2.
  const scores = [0.9, 0.8, 0.6, 0.4, 0.3, 0.1];
  const labels = Uint8Array.from([1, 1, 0, 1, 0, 0]);

  it('precision, recall, F1 and the confusion matrix at the threshold', () => {
    const m = binaryMetrics(scores, labels, 0.5);
    expect(m.confusion).toEqual({ tp: 2, fp: 1, tn: 2, fn: 1 });
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    // Positive/negative pairs ranked right: 8 of 9.
    expect(m.rocAuc).toBeCloseTo(8 / 9, 12);
    // AP: recall steps at 0.9 (P 1), 0.8 (P 1), 0.4 (P 3/4) → (1 + 1 + 0.75) / 3.
    expect(m.prAuc).toBeCloseTo(2.75 / 3, 12);
  });

  it('the majority baseline: ROC-AUC 0.5, PR-AUC the malicious share, nothing flagged', () => {
    const b = baselineMetrics(labels, 10, 100);
    expect(b.rocAuc).toBe(0.5);
    expect(b.prAuc).toBeCloseTo(0.5, 12);
    expect(b).toMatchObject({ precision: 0, recall: 0, f1: 0, confusion: { tp: 0, fp: 0, tn: 3, fn: 3 } });
  });

  it('ROC-AUC with heavy ties equals counting every positive/negative pair (½ for a tie)', () => {
    const rng = new Rng(4);
    const n = 3000;
    const tied = Float64Array.from({ length: n }, () => Math.round(rng.nextFloat() * 10) / 10);
    const y = Uint8Array.from(tied, (s) => (rng.nextFloat() < 0.2 + 0.5 * s ? 1 : 0));
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      if (!y[i]) continue;
      for (let k = 0; k < n; k++) {
        if (y[k]) continue;
        pairs++;
        wins += tied[i]! > tied[k]! ? 1 : tied[i] === tied[k] ? 0.5 : 0;
      }
    }
    expect(rocAuc(tied, y)).toBeCloseTo(wins / pairs, 12);
  });

  it('the baseline of a million test rows (one constant score) is 0.5 without pairwise work', () => {
    // Scored positive by positive, this took seconds (tens of billions of steps): vitest's 5 s
    // limit fails it.
    const labels = Uint8Array.from({ length: 1_000_000 }, (_, i) => (i % 20 === 0 ? 1 : 0));
    expect(baselineMetrics(labels, 10, 100).rocAuc).toBe(0.5);
  });

  it('refuses ranking metrics on one class', () => {
    expect(() => binaryMetrics([0.1, 0.2], Uint8Array.from([0, 0]), 0.5)).toThrow(/both classes/);
  });

  it('picks the F1-best threshold between distinct scores', () => {
    // Cutting just below 0.4 flags four rows (tp 3, fp 1 → F1 6/7), better than cutting below 0.8
    // (tp 2, fp 0 → F1 0.8): the threshold lands halfway between 0.4 and 0.3.
    const t = bestF1Threshold(scores, labels);
    expect(t).toBeGreaterThan(0.3);
    expect(t).toBeLessThanOrEqual(0.4);
    expect(binaryMetrics(scores, labels, t).f1).toBeCloseTo(6 / 7, 12);
  });

  it('takes the lowest cut within 5 % of the best F1 (more recall for unseen sources)', () => {
    // Nine attackers score 0.9; at 0.5 one attacker and two benign rows; at 0.1 five benign rows.
    // Flag ≥ 0.9: F1 = 18/19 = 0.947 (the best); ≥ 0.5: 20/22 = 0.909 (96 % of it); ≥ 0.1: 20/27.
    const scores = [...Array(9).fill(0.9), 0.5, 0.5, 0.5, ...Array(5).fill(0.1)];
    const labels = Uint8Array.from([...Array(9).fill(1), 1, 0, 0, ...Array(5).fill(0)]);
    expect(bestF1Threshold(scores, labels)).toBeCloseTo(0.3, 12);
  });

  it('falls back to 0.5 when the validation rows hold one class', () => {
    expect(bestF1Threshold([0.9, 0.2], Uint8Array.from([0, 0]))).toBe(0.5);
    expect(bestF1Threshold([0.9, 0.2], Uint8Array.from([1, 1]))).toBe(0.5);
  });
});
