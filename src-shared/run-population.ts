// What a run's held-out figures were measured on, and what it flags of all the sessions, in the
// same words in the CLI and the Models view. The held-out side is drawn from labelled sessions
// only: with verdicts, a few hundred an analyst chose, mostly malicious. Its precision then says
// how the model does on those, not on the traffic, so a run must show both.
import { countOf, formatCount, formatShare } from './count-words.js';
import { kindRecord, type ModelRun, type RunMetrics } from './models.js';

/** A run flagging this share of the sessions buries every other flag (Models, top bar ⚠). */
export const LARGE_FLAG_SHARE = 0.2;
/** Labels on under this share of the sessions are a chosen sample, not the traffic; the run's cut is then chosen on all the sessions (core ml/train/threshold.ts). */
export const SPARSE_LABEL_SHARE = 0.5;

type Population = NonNullable<RunMetrics['population']>;

/** Whether the labels are a sample someone chose rather than the traffic. */
export const sparseLabels = (p: Population): boolean => p.labelled < SPARSE_LABEL_SHARE * p.sessions;

/**
 * "Held-out figures: 93 of the 459 labelled sessions (labels on 1.5 % of 30,000); at its threshold
 * the run flags 2,068 of all sessions (6.9 %)." Null for runs from before it was kept.
 */
export function measuredOn(metrics: RunMetrics): string | null {
  const p = metrics.population;
  if (!p) return null;
  return (
    `Held-out figures: ${formatCount(metrics.testRows)} of the ${countOf(p.labelled, 'labelled session')} ` +
    `(labels on ${formatShare(p.labelled, p.sessions)} of ${formatCount(p.sessions)}); ` +
    `at its threshold the run flags ${formatCount(p.flagged)} of all sessions (${formatShare(p.flagged, p.sessions)}).`
  );
}

/**
 * Why the held-out precision does not describe what the run flags, or null: labels on a chosen few
 * sessions, and a large share of all the sessions flagged.
 */
export function populationWarning(metrics: RunMetrics): string | null {
  const p = metrics.population;
  if (!p || !sparseLabels(p) || p.flagged < LARGE_FLAG_SHARE * p.sessions) return null;
  return (
    `This run flags ${formatShare(p.flagged, p.sessions)} of all sessions, but its held-out figures describe only ` +
    `${countOf(metrics.testRows, 'labelled session')} (${formatShare(metrics.testPositives, metrics.testRows)} malicious), not the traffic: ` +
    'its precision there says little about these flags. Give more verdicts, benign ones too, or train with --flag-rate.'
  );
}

/**
 * Fewer held-out sessions of a class than this make its figures a coin toss: one session moves
 * recall (attacks) or the false-alarm rate (benign) by a tenth or more. The same bar as training's
 * refusal of a class under 10 examples (core ml/evaluate/refusal.ts MIN_MINORITY).
 */
export const MIN_HELD_OUT = 10;

/**
 * "Too few to judge: only 4 malicious sessions were held out, …", or null. The split keeps both
 * classes on both sides, but a small data set (or a time split with one burst of attacks) can
 * leave a handful to test on: precision, recall and F1 of 1.000 on 4 attacks prove little.
 */
export function fewHeldOut(metrics: Pick<RunMetrics, 'testRows' | 'testPositives'>): string | null {
  const malicious = metrics.testPositives;
  const benign = metrics.testRows - metrics.testPositives;
  const few = [
    { count: malicious, name: 'malicious session', moves: 'recall' },
    { count: benign, name: 'benign session', moves: 'the false-alarm rate' },
  ].filter((side) => side.count < MIN_HELD_OUT);
  const [first] = few;
  if (!first) return null;
  const listed = few.map((side) => countOf(side.count, side.name)).join(' and ');
  const verb = few.length === 1 && first.count === 1 ? 'was' : 'were';
  return (
    `Too few to judge: only ${listed} ${verb} held out, so one of them moves ${first.moves} by ` +
    `${(1 / Math.max(first.count, 1)).toFixed(2)}; precision, recall and F1 here are a rough sign, not a measure. ` +
    'Label more sessions to test on.'
  );
}

/**
 * "581 of the 12,000 labelled sessions are on neither side: …", or null. A time split leaves out
 * the sessions within one feature window before each boundary (between the fitted rows and the
 * validation slice, and before the held-out side), so no window's features are both learnt from
 * and tested on; without this, fitted + validation + tested fell short of the labelled sessions
 * with nothing said. Said for the kinds fitted on labelled sessions only (or when every session is
 * labelled): the Isolation Forest otherwise fits on unlabelled traffic too, and the sum means nothing.
 */
export function onNeitherSide(metrics: RunMetrics, run: Pick<ModelRun, 'kind' | 'split'>): string | null {
  const p = metrics.population;
  if (!p || run.split !== 'time') return null;
  if (!kindRecord(run.kind).supervised && p.labelled !== p.sessions) return null;
  const sides =
    (metrics.fitted?.rows ?? metrics.trainRows) + (metrics.validation?.rows ?? 0) + metrics.testRows;
  const neither = p.labelled - sides;
  if (neither <= 0) return null;
  return (
    `${formatCount(neither)} of the ${countOf(p.labelled, 'labelled session')} are on neither side: by time, the ` +
    'sessions within one feature window before each boundary are left out, so no window is both learnt from and tested on.'
  );
}
