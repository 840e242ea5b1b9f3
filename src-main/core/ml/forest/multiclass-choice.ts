// What a multi-class split search works on and produces, and the one place a boundary is scored
// (the histogram sweep and the sorted small-node path must score and choose identically). The
// two-class version is split-choice.ts; with K classes every count is a vector.

/** The node being split: rows `index[start..end)` with these weighted class totals. */
export interface ClassNodeRows {
  index: Int32Array;
  start: number;
  end: number;
  classes: number;
  totalWeight: number;
  /** K class totals. */
  totals: Float64Array;
}

/** Best split so far at a node; `score` only ever increases, so columns can be chained. */
export interface ClassSplitChoice {
  /** Gini proxy Σ_children Σ_k w_k² / w_child; larger is better (sklearn's proxy improvement). */
  score: number;
  column: number;
  /** Rows with code <= edge go left. */
  edge: number;
  leftWeight: number;
  /** K class totals of the left child. */
  leftTotals: Float64Array;
}

export const newChoice = (classes: number): ClassSplitChoice => ({
  score: Number.NEGATIVE_INFINITY,
  column: -1,
  edge: 0,
  leftWeight: 0,
  leftTotals: new Float64Array(classes),
});

/**
 * Scores the boundary between occupied codes `below` and `above` of `column`, the left side
 * holding `left` (K class weights summing to `leftWeight`), and keeps it in `best` if it beats
 * it. A side of zero weight (rows whose class weight is 0) is not a split.
 */
export function offerClassBoundary(
  best: ClassSplitChoice,
  node: ClassNodeRows,
  column: number,
  below: number,
  above: number,
  leftWeight: number,
  left: Float64Array,
): void {
  const rightWeight = node.totalWeight - leftWeight;
  if (!(leftWeight > 0 && rightWeight > 0)) return;
  const { totals, classes } = node;
  let leftSquares = 0;
  let rightSquares = 0;
  for (let c = 0; c < classes; c++) {
    const l = left[c] as number;
    const r = (totals[c] as number) - l;
    leftSquares += l * l;
    rightSquares += r * r;
  }
  const score = leftSquares / leftWeight + rightSquares / rightWeight;
  if (score > best.score) {
    best.score = score;
    best.column = column;
    // The middle edge between the two occupied codes: the binned analogue of sklearn's midpoint.
    best.edge = (below + above - 1) >> 1;
    best.leftWeight = leftWeight;
    best.leftTotals.set(left.subarray(0, classes));
  }
}
