// The cut when the labels are a few sessions someone chose (analysts' verdicts, a label column
// filled in here and there), not the traffic. On such labels the validation rows are mostly what
// the analysts marked — whole attacking sources malicious, a dozen benign spot checks — and
// flagging everything has an F1 near 1 there, so an F1 cut flagged almost every session while the
// held-out precision read 0.97. Here a cut is judged by what it flags of all the sessions instead:
// recall² / flagged share (Lee & Liu 2003, learning from positive and unlabelled data), with the
// recall measured on the validation's malicious rows and the share on every row the model was not
// fitted on or tested with (unlabelled rows and validation rows). It is proportional to precision ×
// recall on the traffic whatever its attack share, which no one knows.
import { must } from '../../../../src-shared/must.js';
import { F1_TOLERANCE } from './best-threshold.js';

/**
 * The cut for `positives` (validation rows labelled malicious) among `population` (their scores
 * included). Of the cuts within the same tolerance of the best as the F1 cut, the lowest.
 */
export function populationThreshold(positives: ArrayLike<number>, population: ArrayLike<number>): number {
  const sorted = Float64Array.from(population).sort();
  const cuts = Float64Array.from(positives).sort().reverse();
  const n = sorted.length;
  const p = cuts.length;
  // Each distinct positive score from the highest down: a cut there flags the most positives for
  // the fewest sessions.
  const candidates: { cut: number; value: number }[] = [];
  for (let k = 0; k < p; k++) {
    const cut = must(cuts[k], 'a positive score');
    if (k + 1 < p && cuts[k + 1] === cut) continue;
    const recall = (k + 1) / p;
    const share = Math.max(1, n - lowerBound(sorted, cut)) / n;
    candidates.push({ cut, value: (recall * recall) / share });
  }
  let best = 0;
  for (const c of candidates) best = Math.max(best, c.value);
  let chosen = must(candidates[0], 'a candidate cut');
  for (const c of candidates) if (c.value >= F1_TOLERANCE * best) chosen = c;
  // Halfway to the next lower score of the population, so sessions at the cut are flagged.
  const at = lowerBound(sorted, chosen.cut);
  const below = at > 0 ? must(sorted[at - 1], 'a lower score') : chosen.cut;
  return (chosen.cut + below) / 2;
}

/** The first index of `sorted` whose value is at least `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (must(sorted[mid], 'a sorted score') < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
