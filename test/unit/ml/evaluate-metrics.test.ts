import { describe, expect, it } from 'vitest';
import { baselineMetrics, bestF1Threshold, binaryMetrics } from '../../../src-main/core/ml/evaluate/index.js';

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
});
