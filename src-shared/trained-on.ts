// How many sessions a run learnt from, in the same words wherever a run is described (the CLI's run
// summary, Models' run detail, the case report). A classifier whose threshold a validation slice
// chose is fitted on the training side less that slice, so "trained on" the whole side overstated
// it by thousands of sessions; both figures are said. Runs stored before they were kept say only
// what they have: the training side, and that a slice, of a size not recorded, was not fitted on.
import { countOf, formatCount } from './count-words.js';
import { kindRecord, type ModelRun, type RunMetrics } from './models.js';

/**
 * "fitted on 10,442 sessions (110 malicious), threshold chosen on 3,700 later sessions of the
 * training side (60 malicious), not fitted on"; "trained on 4,000 sessions (200 malicious)" when no
 * slice was set apart. Lower case, to follow "Split: time; " (`sentence` starts it upper case).
 */
export function trainedOnInWords(
  metrics: RunMetrics,
  run: Pick<ModelRun, 'kind' | 'split'>,
  sentence = false,
): string {
  const words = phrase(metrics, run);
  return sentence ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

function phrase(m: RunMetrics, run: Pick<ModelRun, 'kind' | 'split'>): string {
  const malicious = (n: number) => `(${formatCount(n)} malicious)`;
  const { fitted, validation } = m;
  if (fitted && validation) {
    // By time the slice follows the rows fitted on; otherwise it is drawn beside them.
    const slice = countOf(validation.rows, run.split === 'time' ? 'later session' : 'other session');
    // Sparse labels: the slice's attacks are weighed against all the sessions (threshold words).
    const chosen = m.thresholdFrom === 'population' ? 'set with' : 'chosen on';
    return (
      `fitted on ${countOf(fitted.rows, 'session')} ${malicious(fitted.positives)}, ` +
      `threshold ${chosen} ${slice} of the training side ${malicious(validation.positives)}, not fitted on`
    );
  }
  if (fitted) return `trained on ${countOf(fitted.rows, 'session')} ${malicious(fitted.positives)}`;
  // An older run: no slice when the threshold says so, or the kind learns no labels; else the
  // training side is all it kept.
  const side = `${countOf(m.trainRows, 'session')} ${malicious(m.trainPositives)}`;
  const noSlice =
    !kindRecord(run.kind).supervised || m.thresholdFrom === 'flag-rate' || m.thresholdFrom === 'default';
  if (noSlice) return `trained on ${side}`;
  return m.thresholdFrom === undefined
    ? `its training side held ${side}, less any validation slice that chose its threshold, not fitted on (not recorded then)`
    : `its training side held ${side}, less the validation slice that chose its threshold, not fitted on (its size was not recorded then)`;
}
