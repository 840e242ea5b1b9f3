// biome-ignore-all lint/style/noNonNullAssertion: partitions a node's rows through typed arrays indexed by the node's bounded start..end range; a check per read would slow every split of every tree.
// The row partition both forests' tree growers apply after choosing a split.
import type { Bins } from './binning.js';

/**
 * Stable partition of `index[start..end)` by code <= edge of `column`, so both halves stay in
 * ascending row order (cache-friendly reads of the codes). `spill` has room for every row.
 * Returns where the right half starts.
 */
export function partitionRows(
  bins: Bins,
  spill: Int32Array,
  index: Int32Array,
  start: number,
  end: number,
  column: number,
  edge: number,
): number {
  const { codes, cols } = bins;
  let write = start;
  let spilled = 0;
  for (let i = start; i < end; i++) {
    const row = index[i]!;
    if (codes[row * cols + column]! <= edge) index[write++] = row;
    else spill[spilled++] = row;
  }
  index.set(spill.subarray(0, spilled), write);
  return write;
}
