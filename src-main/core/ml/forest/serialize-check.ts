// Shared checks for loading a serialised forest: a model file may come from disk or another
// process, and a bad child index would make a walk run out of bounds or in circles.
import { must } from '../../../../src-shared/must.js';

type TypedArray = Int32Array | Float32Array | Float64Array;

/** The arrays every forest stores, whatever its leaves hold. */
export interface TreeArrays {
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  roots: Int32Array;
}

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

/** Checks the format tag and that the named params are numbers; returns the params. */
export function expectModelHeader<P extends object>(
  value: { format?: unknown; params?: P } | null | undefined,
  format: string,
  numericKeys: readonly (keyof P & string)[],
): P {
  if (value?.format !== format) throw new TypeError(`not a ${format} model`);
  const params = value.params;
  for (const key of numericKeys) {
    if (typeof params?.[key] !== 'number') throw new TypeError(`model params.${key} must be a number`);
  }
  return params as P;
}

/** Validates the node arrays and roots of `raw` and the structure they describe. */
export function loadTreeArrays(
  raw: Partial<Record<keyof TreeArrays, unknown>> | undefined,
  trees: number,
  cols: number,
): TreeArrays {
  const feature = expectTypedArray(raw?.feature, Int32Array, 'feature');
  const n = feature.length;
  const arrays = {
    feature,
    threshold: expectTypedArray(raw?.threshold, Float32Array, 'threshold', n),
    left: expectTypedArray(raw?.left, Int32Array, 'left', n),
    right: expectTypedArray(raw?.right, Int32Array, 'right', n),
    roots: expectTypedArray(raw?.roots, Int32Array, 'roots', trees),
  };
  checkTreeStructure(arrays.feature, arrays.left, arrays.right, arrays.roots, cols);
  return arrays;
}

/** Copies every typed array of a model, so the serialised form shares no buffer with the model. */
export function copyArrays<T extends { [K in keyof T]: TypedArray }>(arrays: T): T {
  const copy = {} as T;
  for (const key of Object.keys(arrays) as (keyof T)[]) copy[key] = arrays[key].slice() as T[keyof T];
  return copy;
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
    const start = must(roots[t], 'a root');
    const end = roots[t + 1] ?? n;
    if (!(end > start && end <= n)) throw new RangeError(`tree ${t} has an invalid node range`);
    // Nodes of [start, end), within the arrays' length n.
    for (let node = start; node < end; node++) {
      const f = must(feature[node], 'a node');
      if (f < 0) continue;
      const l = must(left[node], 'a node');
      if (f >= cols || l <= node || l + 1 >= end || right[node] !== l + 1) {
        throw new RangeError(`tree ${t} node ${node} has an invalid split`);
      }
    }
  }
}
