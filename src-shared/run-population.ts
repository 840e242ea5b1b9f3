// What a run's held-out figures were measured on, and what it flags of all the sessions, in the
// same words in the CLI and the Models view. The held-out side is drawn from labelled sessions
// only: with verdicts, a few hundred an analyst chose, mostly malicious. Its precision then says
// how the model does on those, not on the traffic, so a run must show both.
import { countOf, formatCount, formatShare } from './count-words.js';
import type { RunMetrics } from './models.js';

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
