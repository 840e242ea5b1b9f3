// A threat-type model's held-out figures per kind, each beside what always answering the training
// side's most common class scores on the same rows: the K×K confusion matrix, per-class precision,
// recall, F1 and PR-AUC (one kind against the rest), and the macro and weighted F1.
import { MIN_HELD_OUT } from '../../../../src-shared/run-population.js';
import type { ClassMetrics, KindCount, MulticlassMetrics } from '../../../../src-shared/threat-types.js';
import { kindTesting } from '../../../../src-shared/untested-kinds.js';
import { prAuc } from '../forest/index.js';

export interface MulticlassInput {
  classes: string[];
  /** Held-out rows: true class codes, the decided class codes, and `rows × K` probabilities. */
  truth: Uint8Array;
  predicted: Uint8Array;
  proba: Float64Array;
  /** Training rows' true class codes (the baseline's majority, and what the model saw per kind). */
  trainTruth: Uint8Array;
  /** Fitted rows' true class codes: the training side less its validation slice (what the model saw). */
  fitTruth?: Uint8Array;
  labelCounts: KindCount[];
  merged: KindCount[];
  /** Kinds left out of the run as too rare (none unless asked). */
  leftOut?: KindCount[];
}

export function multiclassMetrics(input: MulticlassInput): MulticlassMetrics {
  const { classes, truth, predicted, proba } = input;
  const K = classes.length;
  const n = truth.length;
  const confusion = classes.map(() => new Array<number>(K).fill(0));
  truth.forEach((t, i) => {
    const row = confusion[t];
    const p = predicted[i] ?? 0;
    if (row) row[p] = (row[p] ?? 0) + 1;
  });
  const trainSupport = countCodes(input.trainTruth, K);
  const fitSupport = input.fitTruth && countCodes(input.fitTruth, K);
  const majority = trainSupport.indexOf(Math.max(...trainSupport));
  const support = countCodes(truth, K);

  const perClass: ClassMetrics[] = classes.map((kind, c) => {
    const tp = confusion[c]?.[c] ?? 0;
    const predictedAs = confusion.reduce((sum, row) => sum + (row[c] ?? 0), 0);
    const held = support[c] ?? 0;
    const rates = prf(tp, predictedAs, held);
    const shares = new Float64Array(n);
    const isClass = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      shares[i] = proba[i * K + c] ?? 0;
      isClass[i] = truth[i] === c ? 1 : 0;
    }
    // Always answering the majority: every row predicted as it, so it alone has hits.
    const baselineRates = c === majority ? prf(held, n, held) : prf(0, 0, held);
    return {
      kind,
      support: held,
      // Recorded, not left to readers: activation and a flag's detail say a kind was never judged.
      tested: kindTesting({ support: held }),
      trainSupport: trainSupport[c] ?? 0,
      ...(fitSupport && { fitSupport: fitSupport[c] ?? 0 }),
      ...rates,
      prAuc: held > 0 ? prAuc(shares, isClass) : null,
      baseline: { ...baselineRates, prAuc: held > 0 ? held / n : null },
    };
  });
  const model = averages(perClass, (m) => m.f1, n > 0 ? diagonal(confusion) / n : 0);
  const baseline = {
    ...averages(perClass, (m) => m.baseline.f1, n > 0 ? (support[majority] ?? 0) / n : 0),
    kind: classes[majority] ?? '',
  };
  return {
    classes,
    confusion,
    perClass,
    model,
    baseline,
    labelCounts: input.labelCounts,
    merged: input.merged,
    ...(input.leftOut?.length ? { leftOut: input.leftOut } : {}),
    notes: notes(perClass),
  };
}

function countCodes(codes: Uint8Array, K: number): number[] {
  const counts = new Array<number>(K).fill(0);
  for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

function prf(tp: number, predicted: number, actual: number) {
  const precision = predicted > 0 ? tp / predicted : 0;
  const recall = actual > 0 ? tp / actual : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

const diagonal = (confusion: number[][]) => confusion.reduce((sum, row, c) => sum + (row[c] ?? 0), 0);

/** Macro: the plain mean over kinds with held-out examples; weighted: by those examples (sklearn's). */
function averages(perClass: ClassMetrics[], f1: (m: ClassMetrics) => number, accuracy: number) {
  const present = perClass.filter((m) => m.support > 0);
  const total = present.reduce((n, m) => n + m.support, 0);
  return {
    macroF1: present.length ? present.reduce((s, m) => s + f1(m), 0) / present.length : 0,
    weightedF1: total ? present.reduce((s, m) => s + f1(m) * m.support, 0) / total : 0,
    accuracy,
  };
}

function notes(perClass: ClassMetrics[]): string[] {
  const out: string[] = [];
  for (const m of perClass) {
    if (m.support === 0)
      out.push(
        `${m.kind}: no held-out session (all ${m.trainSupport} are on the training side), so its figures say nothing and it is left out of the averages.`,
      );
    // A handful held out: a recall of 1.000 on 3 sessions is one miss away from 0.667.
    else if (m.support < MIN_HELD_OUT)
      out.push(
        `${m.kind}: only ${m.support} held-out session${m.support === 1 ? '' : 's'}, too few to judge its figures (one of them moves its recall by ${(1 / m.support).toFixed(2)}).`,
      );
    if (m.trainSupport === 0)
      out.push(
        `${m.kind}: no training session (all ${m.support} were held out), so the model cannot answer it; its recall is 0 by construction.`,
      );
    // On the training side, but every one in the validation slice: the model never saw it either.
    else if (m.fitSupport === 0)
      out.push(
        `${m.kind}: none of its ${m.trainSupport} training sessions was fitted on (all in the validation slice that chose the threshold), so the model cannot answer it; its recall is 0 by construction.`,
      );
  }
  return out;
}
