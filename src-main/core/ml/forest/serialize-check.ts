// Shared checks for loading a serialised forest: a model file may come from disk or another
// process, and a bad child index would make a walk run out of bounds or in circles.

export function expectTypedArray<T extends ArrayBufferView>(
  value: unknown,
  ctor: new (...args: never[]) => T,
  name: string,
  length?: number,
): T {
  if (!(value instanceof ctor)) throw new TypeError(`model array ${name} must be a ${ctor.name}`);
  const n = (value as unknown as { length: number }).length;
  if (length !== undefined && n !== length) {
    throw new RangeError(`model array ${name} has ${n} entries, expected ${length}`);
  }
  return value;
}

/**
 * Trees are stored contiguously (tree t owns ids roots[t] .. roots[t+1] − 1), internal nodes have
 * right = left + 1 and children after their parent inside the same tree: that rules out cycles
 * and lets the scorers assume the layout.
 */
export function checkTreeStructure(
  feature: Int32Array,
  left: Int32Array,
  right: Int32Array,
  roots: Int32Array,
  cols: number,
): void {
  const n = feature.length;
  if (roots.length === 0 || roots[0] !== 0)
    throw new RangeError('model has no trees or a misplaced first root');
  for (let t = 0; t < roots.length; t++) {
    const start = roots[t]!;
    const end = t + 1 < roots.length ? roots[t + 1]! : n;
    if (!(end > start && end <= n)) throw new RangeError(`tree ${t} has an invalid node range`);
    for (let node = start; node < end; node++) {
      const f = feature[node]!;
      if (f < 0) continue;
      const l = left[node]!;
      if (f >= cols || l <= node || l + 1 >= end || right[node] !== l + 1) {
        throw new RangeError(`tree ${t} node ${node} has an invalid split`);
      }
    }
  }
}
