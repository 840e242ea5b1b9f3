// A Conv1D run's scores are tiny (a sigmoid over rare attacks): its threshold printed to three
// decimals read "0.000", which says nothing. Every kind's threshold goes through one formatter.
import { describe, expect, it } from 'vitest';
import { describeRun } from '../../../src-main/cli/model-output.js';
import type { BinaryMetrics, ModelRun } from '../../../src-shared/models.js';

const binary = (threshold: number): BinaryMetrics => ({
  rocAuc: 0.9,
  prAuc: 0.4,
  precision: 0.5,
  recall: 0.5,
  f1: 0.5,
  threshold,
  confusion: { tp: 5, fp: 5, tn: 85, fn: 5 },
});

function run(kind: ModelRun['kind'], threshold: number): ModelRun {
  return {
    id: 3,
    kind,
    target: 'malicious',
    status: 'done',
    createdAt: 0,
    finishedAt: 1,
    params: {},
    labelSource: { type: 'column', column: 'label' },
    split: 'time',
    metrics: {
      model: binary(threshold),
      baseline: binary(0.5),
      trainRows: 300,
      testRows: 100,
      trainPositives: 30,
      testPositives: 10,
      labelCounts: { malicious: 40, benign: 360 },
    },
    backend: 'wasm',
    durationMs: 1000,
    dataSnapshot: [1],
    threshold,
    message: null,
    active: true,
    features: [],
    scoredSessions: 0,
    flaggedSessions: 0,
  };
}

describe('a threshold as printed', () => {
  it('keeps three significant digits of a tiny Conv1D threshold, and three decimals of a usual one', () => {
    expect(describeRun(run('conv1d', 0.000_123_4))).toContain('threshold 0.000123');
    expect(describeRun(run('conv1d', 2.5e-8))).toContain('threshold 2.50e-8');
    expect(describeRun(run('rf', 0.05))).toContain('threshold 0.050');
    expect(describeRun(run('iforest', 0.5))).toContain('threshold 0.500');
  });
});
