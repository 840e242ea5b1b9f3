// The cut that flags well on validation rows. A classifier's 0.5 is rarely the right cut: with
// balanced class weights and pure leaves, a forest gives unseen attackers moderate probabilities
// (ROC-AUC 0.999 with recall 0.13 at 0.5 on generated data, by source IP).
//
// Not simply the F1 maximum: validation holds few attacking sources, and the F1 curve of a forest
// is often a plateau over a wide range of cuts, whose top end (the highest cut) flagged no attacker
// of the test side in one seed of five on generated data (ROC-AUC 0.985, F1 0). Of the cuts within
// F1_TOLERANCE of the best, the lowest is taken: an analyst reviews a few more sessions rather
// than miss the next source.
import { must } from '../../../../src-shared/must.js';
import { walkThresholds } from '../forest/metrics.js';

export const F1_TOLERANCE = 0.95;
/** A probability's natural cut, for validation rows of one class (nothing to choose from). */
const ONE_CLASS_CUT = 0.5;

export function bestF1Threshold(scores: ArrayLike<number>, labels: Uint8Array): number {
  const positives = labels.reduce((n, y) => n + y, 0);
  if (positives === 0 || positives === labels.length) return ONE_CLASS_CUT;
  // Distinct scores from the highest down, with F1 when flagging at or above each.
  const cuts: number[] = [];
  const f1s: number[] = [];
  walkThresholds(scores, labels, (tp, fp, positives, _negatives, score) => {
    cuts.push(score);
    f1s.push((2 * tp) / (tp + fp + positives));
  });
  let best = 0;
  for (const f1 of f1s) best = Math.max(best, f1);
  let chosen = 0;
  f1s.forEach((f1, k) => {
    if (f1 >= F1_TOLERANCE * best) chosen = k;
  });
  const cut = must(cuts[chosen], 'the score of the chosen cut');
  // Halfway to the next lower score (if any), so the rows at the chosen score are flagged (score ≥ threshold).
  const below = cuts[chosen + 1] ?? cut;
  return (cut + below) / 2;
}
