// ROC and PR curve points for the Models view, from held-out scores and labels (1 = malicious).
// One point per distinct score threshold, from the highest score down (ties move together, as in
// scikit-learn's roc_curve / precision_recall_curve), then thinned so a million test rows still
// send a few hundred points over the API.
import type { RunMetrics } from '../../../../src-shared/models.js';

export type Curves = NonNullable<RunMetrics['curves']>;

export function curvePoints(scores: ArrayLike<number>, labels: ArrayLike<number>, maxPoints = 200): Curves {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  const order = Float64Array.from({ length: labels.length }, (_, i) => i).sort(
    (a, b) => scores[b]! - scores[a]!,
  );
  const roc: [number, number][] = [[0, 0]];
  const pr: [number, number][] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    const threshold = scores[order[k]!]!;
    while (k < order.length && scores[order[k]!]! === threshold) {
      if (labels[order[k]!] === 1) tp++;
      else fp++;
      k++;
    }
    roc.push([negatives ? fp / negatives : 0, positives ? tp / positives : 0]);
    pr.push([positives ? tp / positives : 0, tp / (tp + fp)]);
  }
  return { roc: thin(roc, maxPoints), pr: thin(pr, maxPoints) };
}

/** Every k-th point, always keeping the first and the last (the curve's ends). */
function thin(points: [number, number][], maxPoints: number): [number, number][] {
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) => points[Math.round(i * step)]!);
}
