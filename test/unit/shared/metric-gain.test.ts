// When a figure beside the majority baseline is a gain, and when it only looks like one.
import { describe, expect, it } from 'vitest';
import { chanceLevel, metricGain } from '../../../src-shared/metric-gain.js';
import type { BinaryMetrics, RunMetrics } from '../../../src-shared/models.js';

const figures = (f: Partial<BinaryMetrics>): BinaryMetrics => ({
  rocAuc: 0.5,
  prAuc: 0.05,
  precision: 0,
  recall: 0,
  f1: 0,
  threshold: 0.5,
  confusion: { tp: 0, fp: 0, tn: 0, fn: 0 },
  ...f,
});

// 50 attacks among 1 000 test sessions: chance precision and PR-AUC 0.05.
const run = (model: Partial<BinaryMetrics>): RunMetrics => ({
  model: figures(model),
  baseline: figures({ rocAuc: 0.5, prAuc: 0.05 }),
  trainRows: 4000,
  testRows: 1000,
  trainPositives: 200,
  testPositives: 50,
  labelCounts: { malicious: 250, benign: 4750 },
});

describe('metric gain', () => {
  it('knows what chance gets on the test set', () => {
    const m = run({});
    expect(chanceLevel('rocAuc', m)).toBe(0.5);
    expect(chanceLevel('prAuc', m)).toBe(0.05);
    expect(chanceLevel('precision', m)).toBe(0.05);
    expect(chanceLevel('f1', m)).toBeCloseTo(0.1 / 1.05);
  });

  it('calls a good run’s gains gains', () => {
    const m = run({ rocAuc: 0.95, prAuc: 0.8, precision: 0.7, recall: 0.8, f1: 0.75 });
    for (const key of ['rocAuc', 'prAuc', 'precision', 'recall', 'f1'] as const)
      expect(metricGain(key, m)).toMatchObject({ tone: 'gain', reason: null });
  });

  it('does not call precision 0.024 a gain, nor the recall and F1 built on it', () => {
    // The Isolation Forest of issue 18: it flags a quarter of the sessions; a few attacks are among them.
    const m = {
      ...run({ rocAuc: 0.7, prAuc: 0.09, precision: 0.024, recall: 0.9, f1: 0.047 }),
      testPositives: 10,
    };
    expect(metricGain('precision', m)).toMatchObject({ tone: 'hollow' });
    expect(metricGain('recall', m).reason).toMatch(/false alarms \(precision 0\.024\)/);
    expect(metricGain('recall', m).tone).toBe('hollow');
    expect(metricGain('f1', m).tone).toBe('hollow');
    // The ranking figures are judged against chance, not against the flags.
    expect(metricGain('rocAuc', m).tone).toBe('gain');
  });

  it('does not call a figure at or below chance a gain', () => {
    // Flagging everything has F1 0.095 here; and a baseline fitted on a training side with more
    // attacks can sit below the test side's chance PR-AUC.
    const m = run({ rocAuc: 0.5, prAuc: 0.05, precision: 0.2, recall: 0.1, f1: 0.09 });
    m.baseline.prAuc = 0.04;
    expect(metricGain('f1', m)).toMatchObject({ tone: 'hollow' });
    expect(metricGain('f1', m).reason).toMatch(/no better than chance on this test set \(0\.095\)/);
    expect(metricGain('prAuc', m).tone).toBe('hollow');
    expect(metricGain('rocAuc', m).tone).toBe('flat');
    expect(metricGain('precision', m).tone).toBe('gain');
  });

  it('calls a figure below the baseline a loss', () => {
    expect(metricGain('rocAuc', run({ rocAuc: 0.4 })).tone).toBe('loss');
  });
});
