// What a split search works on and produces, and the one place a candidate boundary is scored:
// the histogram sweep (split-histogram.ts) and the sorted small-node path (split-small.ts) visit
// boundaries differently but must score and choose them identically.

/** The node being split: rows `index[start..end)` with these weighted class totals. */
export interface NodeRows {
  index: Int32Array;
  start: number;
  end: number;
  totalWeight: number;
  totalWeight1: number;
}

/** Best split found so far at a node; `score` only ever increases, so columns can be chained. */
export interface SplitChoice {
  /** Gini proxy Σ_children Σ_k w_k² / w_child; larger is better (sklearn's proxy improvement). */
  score: number;
  column: number;
  /** Rows with code <= edge go left. */
  edge: number;
  leftWeight: number;
  leftWeight1: number;
}

/**
 * Scores the boundary between occupied codes `below` and `above` of `column` (left side has the
 * given weights) and keeps it in `best` if it beats it. A side of zero weight (rows whose class
 * weight is 0) is not a split.
 */
export function offerBoundary(
  best: SplitChoice,
  node: NodeRows,
  column: number,
  below: number,
  above: number,
  leftWeight: number,
  leftWeight1: number,
): void {
  const rightWeight = node.totalWeight - leftWeight;
  if (!(leftWeight > 0 && rightWeight > 0)) return;
  const leftWeight0 = leftWeight - leftWeight1;
  const rightWeight1 = node.totalWeight1 - leftWeight1;
  const rightWeight0 = rightWeight - rightWeight1;
  const score =
    (leftWeight1 * leftWeight1 + leftWeight0 * leftWeight0) / leftWeight +
    (rightWeight1 * rightWeight1 + rightWeight0 * rightWeight0) / rightWeight;
  if (score > best.score) {
    best.score = score;
    best.column = column;
    // Any edge between the two occupied codes splits this node the same way; the middle one is
    // the binned analogue of sklearn's midpoint between adjacent values.
    best.edge = (below + above - 1) >> 1;
    best.leftWeight = leftWeight;
    best.leftWeight1 = leftWeight1;
  }
}
