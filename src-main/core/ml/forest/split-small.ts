// biome-ignore-all lint/style/noNonNullAssertion: the exact split search of small nodes sorts and sweeps the node's codes and weights in typed arrays (indexes bounded by the node's row range); it runs at most nodes of every tree.
// Split search for small nodes. Most nodes of a fully grown tree hold a few rows whose codes are
// spread over much of the 0..255 range, so a histogram sweep would walk ~200 empty bins to
// evaluate a handful of boundaries. Here the node's codes are sorted instead and only real
// boundaries are visited: same candidates, same scores, same edge choice as the histogram path.

import { type NodeRows, offerBoundary, type SplitChoice } from './split-choice.js';

/** Nodes up to this many rows take the sorted path (crossover measured on 80 k × 20). */
export const SMALL_NODE = 32;

// Module-level scratch: V8 folds it as a constant (see split-histogram.ts). KEY packs
// code << 8 | position so that sorting one Int32 array orders rows by code.
const KEY = new Int32Array(SMALL_NODE);
const WEIGHT = new Float64Array(SMALL_NODE);
const WEIGHT1 = new Float64Array(SMALL_NODE);

/** As offerHistogramSplits, for a node of at most SMALL_NODE rows (row-major `codes`). */
export function offerSmallColumnSplits(
  codes: Uint8Array,
  cols: number,
  column: number,
  node: NodeRows,
  rowWeights: Float64Array,
  minSamplesLeaf: number,
  best: SplitChoice,
): boolean {
  const { index, start, end } = node;
  const n = end - start;
  for (let k = 0; k < n; k++) {
    const row = index[start + k]!;
    WEIGHT[k] = rowWeights[2 * row]!;
    WEIGHT1[k] = rowWeights[2 * row + 1]!;
    // Insertion sort while filling: cheap for the few dozen keys a small node has.
    const key = (codes[row * cols + column]! << 8) | k;
    let at = k;
    while (at > 0 && KEY[at - 1]! > key) {
      KEY[at] = KEY[at - 1]!;
      at--;
    }
    KEY[at] = key;
  }
  if (KEY[0]! >> 8 === KEY[n - 1]! >> 8) return false;

  let leftWeight = 0;
  let leftWeight1 = 0;
  for (let k = 0; k < n - 1; k++) {
    const key = KEY[k]!;
    leftWeight += WEIGHT[key & 255]!;
    leftWeight1 += WEIGHT1[key & 255]!;
    const here = key >> 8;
    const next = KEY[k + 1]! >> 8;
    if (here === next) continue;
    const leftCount = k + 1;
    if (leftCount < minSamplesLeaf) continue;
    if (n - leftCount < minSamplesLeaf) break;
    offerBoundary(best, node, column, here, next, leftWeight, leftWeight1);
  }
  return true;
}
