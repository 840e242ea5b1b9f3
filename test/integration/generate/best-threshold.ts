// How far one numeric value alone separates attacks from benign rows: the generator's
// separability tests ask that no single column or field gives the labels away.

/** Best balanced accuracy of one threshold (either direction) over `[value, isAttack]` points. */
export function bestThresholdAccuracy(points: (readonly [value: number, attack: 0 | 1])[]): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const positives = sorted.filter(([, y]) => y === 1).length;
  const negatives = sorted.length - positives;
  let tp = 0;
  let fp = 0;
  let best = 0.5;
  sorted.forEach(([x, y], i) => {
    if (y === 1) tp++;
    else fp++;
    // Only cut between distinct values: rows with the same value fall on one side together.
    if (i + 1 < sorted.length && sorted[i + 1]![0] === x) return;
    const accuracy = (tp / positives + 1 - fp / negatives) / 2;
    best = Math.max(best, accuracy, 1 - accuracy);
  });
  return best;
}
