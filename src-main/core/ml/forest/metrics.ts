// biome-ignore-all lint/style/noNonNullAssertion: ROC-AUC and PR-AUC sweep sorted Float64Arrays of every scored row with merge-style cursors bounded by the arrays' lengths; a check per step would slow metrics of million-row evaluations.
// Ranking metrics for binary labels, defined as scikit-learn defines them:
//  - rocAuc = roc_auc_score: area under the ROC curve with ties scored as half-correct, i.e.
//    P(score of a random positive > score of a random negative) + ½ P(equal).
//  - prAuc = average_precision_score: Σ_k (R_k − R_{k−1}) P_k over distinct score thresholds
//    from high to low (a step function, not the optimistic trapezoid), tied scores as one step.
// Both sort the two classes' scores separately with the native numeric typed-array sort (fast on
// millions of rows, no comparator calls) and merge them.

export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { positive, negative } = splitByLabel(scores, labels);
  // For each positive, count negatives strictly below it plus half of those equal to it. Equal
  // positives are taken as one group: one by one, a constant score (the majority baseline) made
  // this positives × negatives steps, seconds at a million rows.
  let wins = 0;
  let j = 0;
  for (let i = 0; i < positive.length; ) {
    const s = positive[i]!;
    let same = 0;
    while (i < positive.length && positive[i]! === s) {
      same++;
      i++;
    }
    while (j < negative.length && negative[j]! < s) j++;
    let equal = 0;
    while (j + equal < negative.length && negative[j + equal]! === s) equal++;
    wins += same * (j + equal / 2);
  }
  return wins / (positive.length * negative.length);
}

export function prAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let previousRecall = 0;
  let area = 0;
  walkThresholds(scores, labels, (truePositives, falsePositives, positives) => {
    const recall = truePositives / positives;
    area += (recall - previousRecall) * (truePositives / (truePositives + falsePositives));
    previousRecall = recall;
  });
  return area;
}

/**
 * Visits each distinct score from the highest down (tied scores as one step) with the counts of
 * positives and negatives scoring at least that much, the class totals and the score. The ROC and PR curves
 * are this walk.
 */
export function walkThresholds(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  visit: (
    truePositives: number,
    falsePositives: number,
    positives: number,
    negatives: number,
    score: number,
  ) => void,
): void {
  const { positive, negative } = splitByLabel(scores, labels);
  let i = positive.length - 1;
  let j = negative.length - 1;
  let truePositives = 0;
  let falsePositives = 0;
  while (i >= 0 || j >= 0) {
    const threshold = Math.max(
      i >= 0 ? positive[i]! : Number.NEGATIVE_INFINITY,
      j >= 0 ? negative[j]! : Number.NEGATIVE_INFINITY,
    );
    while (i >= 0 && positive[i]! === threshold) {
      truePositives++;
      i--;
    }
    while (j >= 0 && negative[j]! === threshold) {
      falsePositives++;
      j--;
    }
    visit(truePositives, falsePositives, positive.length, negative.length, threshold);
  }
}

function splitByLabel(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): { positive: Float64Array; negative: Float64Array } {
  if (scores.length !== labels.length) {
    throw new RangeError(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    if (y !== 0 && y !== 1) throw new RangeError(`labels must be 0 or 1 (index ${i} is ${y})`);
    if (Number.isNaN(scores[i]!)) throw new RangeError(`score at index ${i} is NaN`);
    positives += y;
  }
  // Like sklearn, refuse rather than report a meaningless 0, 1 or NaN.
  if (positives === 0 || positives === labels.length) {
    throw new RangeError('ranking metrics need both classes among the labels');
  }
  const positive = new Float64Array(positives);
  const negative = new Float64Array(labels.length - positives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) positive[p++] = scores[i]!;
    else negative[q++] = scores[i]!;
  }
  positive.sort();
  negative.sort();
  return { positive, negative };
}
