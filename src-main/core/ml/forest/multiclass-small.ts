// biome-ignore-all lint/style/noNonNullAssertion: the small-node split kernel: an insertion sort of at most SMALL_NODE packed keys and a sweep over them, through module-level typed arrays indexed by bounded positions; a check per read would slow the most numerous nodes of every tree.
// Split search for small nodes with K classes: the node's codes are sorted and only real
// boundaries are visited (why: split-small.ts). Same candidates, scores and edge choice as the
// histogram path.

import { type ClassNodeRows, type ClassSplitChoice, offerClassBoundary } from './multiclass-choice.js';
import { MAX_CLASSES } from './multiclass-types.js';
import { SMALL_NODE } from './split-small.js';

// KEY packs code << 8 | position so that sorting one Int32 array orders rows by code.
const KEY = new Int32Array(SMALL_NODE);
const WEIGHT = new Float64Array(SMALL_NODE);
const CLASS = new Uint8Array(SMALL_NODE);
const LEFT = new Float64Array(MAX_CLASSES);

/** As offerClassHistogramSplits, for a node of at most SMALL_NODE rows (row-major `codes`). */
export function offerSmallClassSplits(
  codes: Uint8Array,
  cols: number,
  column: number,
  node: ClassNodeRows,
  rowWeight: Float64Array,
  rowClass: Uint8Array,
  minSamplesLeaf: number,
  best: ClassSplitChoice,
): boolean {
  const { index, start, end } = node;
  const n = end - start;
  for (let k = 0; k < n; k++) {
    const row = index[start + k]!;
    WEIGHT[k] = rowWeight[row]!;
    CLASS[k] = rowClass[row]!;
    const key = (codes[row * cols + column]! << 8) | k;
    let at = k;
    while (at > 0 && KEY[at - 1]! > key) {
      KEY[at] = KEY[at - 1]!;
      at--;
    }
    KEY[at] = key;
  }
  if (KEY[0]! >> 8 === KEY[n - 1]! >> 8) return false;

  LEFT.fill(0, 0, node.classes);
  let leftWeight = 0;
  for (let k = 0; k < n - 1; k++) {
    const key = KEY[k]!;
    const w = WEIGHT[key & 255]!;
    const y = CLASS[key & 255]!;
    LEFT[y] = LEFT[y]! + w;
    leftWeight += w;
    const here = key >> 8;
    const next = KEY[k + 1]! >> 8;
    if (here === next) continue;
    const leftCount = k + 1;
    if (leftCount < minSamplesLeaf) continue;
    if (n - leftCount < minSamplesLeaf) break;
    offerClassBoundary(best, node, column, here, next, leftWeight, LEFT);
  }
  return true;
}
