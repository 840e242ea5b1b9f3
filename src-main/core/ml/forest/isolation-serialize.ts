// A model as `{ params, arrays }` of plain values and typed arrays: structured-clone friendly
// (worker postMessage, IndexedDB) and easy to store as blobs. Loading validates everything a
// scorer relies on.

import type { IsolationForestModel, IsolationForestParams } from './isolation-types.js';
import { checkTreeStructure, expectTypedArray } from './serialize-check.js';

export const ISOLATION_FOREST_FORMAT = 'vigil.isolation-forest/1';

export interface SerializedIsolationForest {
  format: typeof ISOLATION_FOREST_FORMAT;
  params: IsolationForestParams;
  arrays: {
    feature: Int32Array;
    threshold: Float32Array;
    left: Int32Array;
    right: Int32Array;
    size: Int32Array;
    roots: Int32Array;
  };
}

export function serializeIsolationForest(model: IsolationForestModel): SerializedIsolationForest {
  const a = model.arrays;
  return {
    format: ISOLATION_FOREST_FORMAT,
    params: { ...model.params },
    arrays: {
      feature: a.feature.slice(),
      threshold: a.threshold.slice(),
      left: a.left.slice(),
      right: a.right.slice(),
      size: a.size.slice(),
      roots: a.roots.slice(),
    },
  };
}

export function deserializeIsolationForest(value: SerializedIsolationForest): IsolationForestModel {
  if (value?.format !== ISOLATION_FOREST_FORMAT)
    throw new TypeError(`not a ${ISOLATION_FOREST_FORMAT} model`);
  const params = value.params;
  for (const key of [
    'nEstimators',
    'maxSamples',
    'maxFeatures',
    'maxDepth',
    'cols',
    'seed',
    'offset',
  ] as const) {
    if (typeof params?.[key] !== 'number') throw new TypeError(`model params.${key} must be a number`);
  }
  const raw = value.arrays;
  const feature = expectTypedArray(raw?.feature, Int32Array, 'feature');
  const n = feature.length;
  const arrays = {
    feature,
    threshold: expectTypedArray(raw.threshold, Float32Array, 'threshold', n),
    left: expectTypedArray(raw.left, Int32Array, 'left', n),
    right: expectTypedArray(raw.right, Int32Array, 'right', n),
    size: expectTypedArray(raw.size, Int32Array, 'size', n),
    roots: expectTypedArray(raw.roots, Int32Array, 'roots', params.nEstimators),
  };
  checkTreeStructure(arrays.feature, arrays.left, arrays.right, arrays.roots, params.cols);
  for (let i = 0; i < n; i++) {
    if (!(arrays.size[i]! >= 1)) throw new RangeError(`node ${i} has an invalid sample count`);
  }
  return { kind: 'isolation-forest', params: { ...params }, arrays };
}
