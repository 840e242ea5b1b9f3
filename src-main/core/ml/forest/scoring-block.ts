// The batch scorers (isolation-score.ts, forest-predict.ts) take rows in blocks small enough to
// stay in cache while every tree walks the block, so each tree is loaded once per block rather
// than once per row.

import { assertColumns, type DenseMatrix } from './matrix.js';

// ~64 KB of row values per block: stays in L2 beside the tree being walked.
const BLOCK_BYTES = 64 * 1024;

/** Checks a scoring call's inputs and returns the number of rows per block (at least `minimum`). */
export function scoringBlockRows(
  matrix: DenseMatrix,
  cols: number,
  out: Float64Array,
  minimum: number,
): number {
  assertColumns(matrix, cols);
  if (out.length < matrix.rows) throw new RangeError(`out has room for ${out.length} of ${matrix.rows} rows`);
  return Math.max(minimum, Math.floor(BLOCK_BYTES / (4 * cols)));
}
