/**
 * Splits `total` whole units in proportion to `weights`, summing to exactly `total` (cumulative
 * rounding: each share is the difference of rounded running totals, so no unit is lost or doubled).
 */
export function apportion(total: number, weights: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  const shares: number[] = [];
  let running = 0;
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    running += weights[i]!;
    const upTo = i === weights.length - 1 ? total : Math.round((running / sum) * total);
    shares.push(upTo - given);
    given = upTo;
  }
  return shares;
}
