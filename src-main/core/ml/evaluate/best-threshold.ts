// The cut that maximises F1 on validation rows. A classifier's 0.5 is rarely the right cut: with
// balanced class weights and pure leaves, a forest gives unseen attackers moderate probabilities
// (ROC-AUC 0.999 with recall 0.13 at 0.5 on generated data, by source IP).

export function bestF1Threshold(scores: ArrayLike<number>, labels: Uint8Array): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let positives = 0;
  for (const y of labels) positives += y;
  let tp = 0;
  let fp = 0;
  let best = { f1: -1, threshold: 0.5 };
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (labels[i] === 1) tp++;
    else fp++;
    // Only cut between distinct scores: tied rows are flagged together.
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    const f1 = (2 * tp) / (tp + fp + positives);
    if (f1 > best.f1) {
      // Halfway to the next lower score, so the rows at this score are flagged (score ≥ threshold).
      const below = next === undefined ? scores[i]! : scores[next]!;
      best = { f1, threshold: (scores[i]! + below) / 2 };
    }
  }
  return best.threshold;
}
