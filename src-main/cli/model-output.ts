// How runs print: a metrics table with the majority-class baseline beside the model, and the
// flat JSON shape scripts read (`metrics` and `baseline` side by side).

import { formatCount } from '../../src-shared/count-words.js';
import { type BinaryMetrics, type ModelRun, runName } from '../../src-shared/models.js';
import { fewHeldOut, measuredOn, onNeitherSide, populationWarning } from '../../src-shared/run-population.js';
import { formatScore } from '../../src-shared/score-format.js';
import { thresholdFromInWords } from '../../src-shared/threshold-words.js';
import { trainedOnInWords } from '../../src-shared/trained-on.js';
import {
  ACCEPT_UNTESTED_OPTION,
  runUntestedKinds,
  untestedInWords,
} from '../../src-shared/untested-kinds.js';
import { describeKinds } from './kind-metrics-output.js';
import { table } from './options.js';

export function runJson(run: ModelRun) {
  const { metrics, ...rest } = run;
  return {
    ...rest,
    metrics: metrics ? pickMetrics(metrics.model) : null,
    baseline: metrics ? pickMetrics(metrics.baseline) : null,
    evaluation: metrics
      ? {
          trainRows: metrics.trainRows,
          testRows: metrics.testRows,
          trainPositives: metrics.trainPositives,
          testPositives: metrics.testPositives,
          // trainRows is the whole training side; these are what the model was fitted on and the
          // slice that chose its threshold (null: a run stored before they were kept, or no slice).
          fittedRows: metrics.fitted?.rows ?? null,
          fittedPositives: metrics.fitted?.positives ?? null,
          validationRows: metrics.validation?.rows ?? null,
          validationPositives: metrics.validation?.positives ?? null,
          labelCounts: metrics.labelCounts,
          threshold: metrics.model.threshold,
          confusion: metrics.model.confusion,
          baselineConfusion: metrics.baseline.confusion,
          history: metrics.history,
          excludedFeatures: metrics.excludedFeatures ?? null,
          population: metrics.population ?? null,
          warning: populationWarning(metrics),
          // Null, or why a handful of held-out sessions of a class cannot judge the figures.
          fewHeldOut: fewHeldOut(metrics),
          // Null, or how many labelled sessions a time split's gaps left on no side.
          onNeitherSide: onNeitherSide(metrics, run),
          // The kinds a threat-type run names that its held-out side did not judge ([] otherwise).
          untestedKinds: runUntestedKinds(run),
        }
      : null,
    kinds: metrics?.multiclass ?? null,
  };
}

const pickMetrics = (m: BinaryMetrics) => ({
  rocAuc: m.rocAuc,
  prAuc: m.prAuc,
  precision: m.precision,
  recall: m.recall,
  f1: m.f1,
});

const fixed = (n: number) => n.toFixed(3);

/** Which kinds the run names untested, and, when it is not active, how to make it so knowingly. */
function untestedLines(run: ModelRun): string[] {
  const said = untestedInWords(run);
  if (!said) return [];
  const how = run.active
    ? []
    : [`Not made active: vigil models activate ${run.id} ${ACCEPT_UNTESTED_OPTION} to use it knowingly.`];
  return ['', `Warning: ${said}`, ...how];
}

export function describeRun(run: ModelRun): string {
  const lines = [
    `Run ${run.id}: ${runName(run)} on ${run.backend}, ${run.status}${run.active ? ' (active)' : ''}` +
      (run.durationMs !== null ? `, ${(run.durationMs / 1000).toFixed(1)} s` : ''),
  ];
  if (run.labelSource?.type === 'rule-hits')
    lines.push(
      `Labels: rule-derived (a detection-rule hit${run.labelSource.level ? ` at ${run.labelSource.level} or above` : ''} = malicious): the metrics measure agreement with the rules, not with the truth.`,
    );
  const m = run.metrics;
  if (!m) {
    lines.push(run.message ?? 'Not evaluated.');
    return lines.join('\n');
  }
  if (run.message) lines.push(run.message);
  lines.push(
    `Split: ${run.split}; ${trainedOnInWords(m, run)}; ` +
      `tested on ${formatCount(m.testRows)} held-out sessions (${formatCount(m.testPositives)} malicious); threshold ${formatScore(m.model.threshold)}` +
      (thresholdFromInWords(m.thresholdFrom, run.kind)
        ? ` (${thresholdFromInWords(m.thresholdFrom, run.kind)})`
        : ''),
    ...[measuredOn(m), onNeitherSide(m, run), fewHeldOut(m), populationWarning(m)].filter(
      (line) => line !== null,
    ),
    '',
    table([
      ['metric', run.kind, 'baseline (majority)'],
      ...(['rocAuc', 'prAuc', 'precision', 'recall', 'f1'] as const).map((k) => [
        k,
        fixed(m.model[k]),
        fixed(m.baseline[k]),
      ]),
      [
        'tp / fp',
        `${m.model.confusion.tp} / ${m.model.confusion.fp}`,
        `${m.baseline.confusion.tp} / ${m.baseline.confusion.fp}`,
      ],
      [
        'tn / fn',
        `${m.model.confusion.tn} / ${m.model.confusion.fn}`,
        `${m.baseline.confusion.tn} / ${m.baseline.confusion.fn}`,
      ],
    ]),
  );
  if (m.excludedFeatures)
    lines.push('', `${m.excludedFeatures.reason} Left out: ${m.excludedFeatures.features.join(', ')}.`);
  if (m.multiclass) lines.push(...describeKinds(m.multiclass), ...untestedLines(run));
  const loss = m.history?.loss ?? [];
  const [first] = loss;
  const last = loss.at(-1);
  if (first !== undefined && last !== undefined)
    lines.push('', `Loss: ${fixed(first)} (epoch 1) → ${fixed(last)} (epoch ${loss.length})`);
  return lines.join('\n');
}
