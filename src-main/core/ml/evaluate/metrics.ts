// Metrics of one model on the held-out rows, and of the majority-class baseline on the same rows:
// the baseline is what "always answer the common class" scores, so the analyst sees what the
// model adds (ROC-AUC 0.5, PR-AUC = the malicious share, F1 0 when benign is the majority).

import type { BinaryMetrics } from '../../../../src-shared/models.js';
import { must } from '../../../../src-shared/must.js';
import { prAuc, rocAuc } from '../forest/index.js';

/** `scores`: higher = more suspicious; a row is flagged when its score is ≥ threshold. */
export function binaryMetrics(
  scores: ArrayLike<number>,
  labels: Uint8Array,
  threshold: number,
): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const flagged = must(scores[i], 'the score of a labelled row') >= threshold;
    if (labels[i] === 1) flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  // No flag at all: precision is undefined; 0 says "found nothing", as sklearn's zero_division=0.
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    rocAuc: rocAuc(scores, labels),
    prAuc: prAuc(scores, labels),
    precision,
    recall,
    f1,
    threshold,
    confusion: { tp, fp, tn, fn },
  };
}

/** Predict-the-majority (of the training labels) on the test labels. */
export function baselineMetrics(
  testLabels: Uint8Array,
  trainPositives: number,
  trainRows: number,
): BinaryMetrics {
  const majority = trainPositives * 2 > trainRows ? 1 : 0;
  return binaryMetrics(new Float32Array(testLabels.length).fill(majority), testLabels, 0.5);
}

const PICKED = 'a picked row';

/** Gathers `values[rows[i]]`. */
export function pick<T extends Uint8Array | Float32Array | Float64Array>(values: T, rows: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = must(values[must(rows[i], PICKED)], PICKED);
  return out;
}
