// Row and column draws without replacement for bagging.

import { must } from '../../../../src-shared/must.js';
import type { Rng } from './random.js';

const DRAWN = 'a value still to draw';

/** k distinct integers from [0, n), in draw order. Floyd's algorithm: O(k) time and memory, so
 * drawing ψ = 256 rows from millions never touches an n-sized buffer. */
export function sampleWithoutReplacement(n: number, k: number, rng: Rng): Int32Array {
  if (k > n) throw new RangeError(`cannot draw ${k} distinct values from ${n}`);
  const out = new Int32Array(k);
  if (k * 4 >= n) {
    // Dense case: a partial Fisher–Yates shuffle is cheaper than hashing.
    const all = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + rng.below(n - i);
      const swap = must(all[j], DRAWN);
      all[j] = must(all[i], DRAWN);
      all[i] = swap;
      out[i] = swap;
    }
    return out;
  }
  const seen = new Set<number>();
  let at = 0;
  for (let j = n - k; j < n; j++) {
    const t = rng.below(j + 1);
    const pick = seen.has(t) ? j : t;
    seen.add(pick);
    out[at++] = pick;
  }
  return out;
}
