// How a threat-type model's class probabilities become a flag and a kind, the one rule training's
// evaluation, scoring and "why flagged" share: the score is 1 − P(benign), so every run ranks
// and flags sessions the same way; a flagged session gets its most probable kind other than benign.

/** `rows × K` probabilities (class 0 benign) → a "how likely an attack" score per row. */
export function threatScores(proba: Float64Array, classes: number): Float64Array {
  const rows = proba.length / classes;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = 1 - (proba[r * classes] ?? 0);
  return out;
}

/** Row r's most probable class other than benign (ties: the lowest code). */
export function topKind(proba: Float64Array, classes: number, r: number): number {
  let best = 1;
  for (let c = 2; c < classes; c++)
    if ((proba[r * classes + c] ?? 0) > (proba[r * classes + best] ?? 0)) best = c;
  return best;
}

/** The class decided per row: benign under the flag threshold, else the top kind. */
export function decideClasses(
  proba: Float64Array,
  classes: number,
  scores: ArrayLike<number>,
  threshold: number,
): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let r = 0; r < scores.length; r++)
    out[r] = (scores[r] ?? 0) >= threshold ? topKind(proba, classes, r) : 0;
  return out;
}
