// A random forest as `{ params, arrays }` of plain values and typed arrays: structured-clone
// friendly (worker postMessage) and easy to store as blobs. Loading validates what the walkers
// rely on.

import type { RandomForestModel, RandomForestParams } from './forest-types.js';
import { checkTreeStructure, expectTypedArray } from './serialize-check.js';

export const RANDOM_FOREST_FORMAT = 'vigil.random-forest/1';

export interface SerializedRandomForest {
  format: typeof RANDOM_FOREST_FORMAT;
  params: RandomForestParams;
  arrays: {
    feature: Int32Array;
    threshold: Float32Array;
    left: Int32Array;
    right: Int32Array;
    value: Float32Array;
    roots: Int32Array;
    importances: Float64Array;
  };
}

export function serializeRandomForest(model: RandomForestModel): SerializedRandomForest {
  const a = model.arrays;
  return {
    format: RANDOM_FOREST_FORMAT,
    params: structuredClone(model.params),
    arrays: {
      feature: a.feature.slice(),
      threshold: a.threshold.slice(),
      left: a.left.slice(),
      right: a.right.slice(),
      value: a.value.slice(),
      roots: a.roots.slice(),
      importances: a.importances.slice(),
    },
  };
}

export function deserializeRandomForest(value: SerializedRandomForest): RandomForestModel {
  if (value?.format !== RANDOM_FOREST_FORMAT) throw new TypeError(`not a ${RANDOM_FOREST_FORMAT} model`);
  const params = value.params;
  for (const key of [
    'nEstimators',
    'maxFeatures',
    'minSamplesLeaf',
    'minSamplesSplit',
    'cols',
    'seed',
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
    value: expectTypedArray(raw.value, Float32Array, 'value', n),
    roots: expectTypedArray(raw.roots, Int32Array, 'roots', params.nEstimators),
    importances: expectTypedArray(raw.importances, Float64Array, 'importances', params.cols),
  };
  checkTreeStructure(arrays.feature, arrays.left, arrays.right, arrays.roots, params.cols);
  for (let i = 0; i < n; i++) {
    const v = arrays.value[i]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`node ${i} has a class share outside [0, 1]`);
  }
  return { kind: 'random-forest', params: structuredClone(params), arrays };
}
