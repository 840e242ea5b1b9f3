// ROC and PR curve points for the Models view, from held-out scores and labels (1 = malicious).
// One point per distinct score threshold, from the highest score down (ties move together, as in
// scikit-learn's roc_curve / precision_recall_curve), then thinned so a million test rows still
// send a few hundred points over the API. The walk sorts without a comparator: a comparator sort
// of a million indexes took seconds.

import type { RunMetrics } from '../../../../src-shared/models.js';
import { must } from '../../../../src-shared/must.js';
import { walkThresholds } from '../forest/metrics.js';

export type Curves = NonNullable<RunMetrics['curves']>;

export function curvePoints(scores: ArrayLike<number>, labels: ArrayLike<number>, maxPoints = 200): Curves {
  const roc: [number, number][] = [[0, 0]];
  const pr: [number, number][] = [];
  walkThresholds(scores, labels, (tp, fp, positives, negatives) => {
    roc.push([fp / negatives, tp / positives]);
    pr.push([tp / positives, tp / (tp + fp)]);
  });
  return { roc: thin(roc, maxPoints), pr: thin(pr, maxPoints) };
}

/** Every k-th point, always keeping the first and the last (the curve's ends). */
function thin(points: [number, number][], maxPoints: number): [number, number][] {
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) =>
    must(points[Math.round(i * step)], 'a point of the curve'),
  );
}
