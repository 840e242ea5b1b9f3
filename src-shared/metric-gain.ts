// When a model's figure beside the majority baseline is a real gain, and when it only looks like
// one. The majority baseline answers "benign" for every session, so its precision, recall and F1
// are 0 and any model "gains" on them, even one whose flags are almost all false alarms (an
// Isolation Forest flagging a quarter of the sessions at precision 0.024). The Models view shows a
// gain in green only when this rule says it means something; everything else is shown plain, with
// the reason.
import type { RunMetrics } from './models.js';

/** Below this precision nine flags in ten or more are false alarms: a figure built on them is no gain. */
export const USEFUL_PRECISION = 0.1;

export type MetricKey = 'rocAuc' | 'prAuc' | 'precision' | 'recall' | 'f1';

export interface MetricGain {
  /** Model minus baseline. */
  gain: number;
  /** gain: a real improvement; loss: worse than the baseline; flat: equal; hollow: a gain that means nothing. */
  tone: 'gain' | 'loss' | 'flat' | 'hollow';
  /** Why a hollow gain is not one, in words (null otherwise). */
  reason: string | null;
}

/**
 * What a model that knows nothing gets on this test set, for each metric: ROC-AUC 0.5; precision
 * and PR-AUC the share of attacks (flag at random); F1 the F1 of flagging everything. Recall has
 * none of its own (flagging everything gets 1): it counts only beside a precision that means
 * something.
 */
export function chanceLevel(key: MetricKey, metrics: Pick<RunMetrics, 'testPositives' | 'testRows'>): number {
  const base = metrics.testRows > 0 ? metrics.testPositives / metrics.testRows : 0;
  switch (key) {
    case 'rocAuc':
      return 0.5;
    case 'prAuc':
    case 'precision':
      return base;
    case 'f1':
      return (2 * base) / (1 + base);
    case 'recall':
      return 0;
  }
}

const fixed = (n: number) => n.toFixed(3);

export function metricGain(key: MetricKey, metrics: RunMetrics): MetricGain {
  const value = metrics.model[key];
  const gain = value - metrics.baseline[key];
  if (gain < 0) return { gain, tone: 'loss', reason: null };
  if (gain === 0) return { gain, tone: 'flat', reason: null };
  const chance = chanceLevel(key, metrics);
  if (key !== 'recall' && value <= chance)
    return {
      gain,
      tone: 'hollow',
      reason: `${fixed(value)} is no better than chance on this test set (${fixed(chance)})`,
    };
  const precision = metrics.model.precision;
  if ((key === 'precision' || key === 'recall' || key === 'f1') && precision < USEFUL_PRECISION)
    return {
      gain,
      tone: 'hollow',
      reason: `nine flags in ten or more are false alarms (precision ${fixed(precision)})`,
    };
  if (key === 'recall' && precision <= chanceLevel('precision', metrics))
    return {
      gain,
      tone: 'hollow',
      reason: `the flags are no better than flagging at random (precision ${fixed(precision)})`,
    };
  return { gain, tone: 'gain', reason: null };
}
