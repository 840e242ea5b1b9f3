// A model as `{ params, arrays }` of plain values and typed arrays: structured-clone friendly
// (worker postMessage, IndexedDB) and easy to store as blobs. Loading validates everything a
// scorer relies on.

import type {
  IsolationForestArrays,
  IsolationForestModel,
  IsolationForestParams,
} from './isolation-types.js';
import { copyArrays, expectModelHeader, expectTypedArray, loadTreeArrays } from './serialize-check.js';

export const ISOLATION_FOREST_FORMAT = 'vigil.isolation-forest/1';

export interface SerializedIsolationForest {
  format: typeof ISOLATION_FOREST_FORMAT;
  params: IsolationForestParams;
  arrays: IsolationForestArrays;
}

export function serializeIsolationForest(model: IsolationForestModel): SerializedIsolationForest {
  return { format: ISOLATION_FOREST_FORMAT, params: { ...model.params }, arrays: copyArrays(model.arrays) };
}

export function deserializeIsolationForest(value: SerializedIsolationForest): IsolationForestModel {
  const params = expectModelHeader(value, ISOLATION_FOREST_FORMAT, [
    'nEstimators',
    'maxSamples',
    'maxFeatures',
    'maxDepth',
    'cols',
    'seed',
    'offset',
  ]);
  const trees = loadTreeArrays(value.arrays, params.nEstimators, params.cols);
  const size = expectTypedArray(value.arrays.size, Int32Array, 'size', trees.feature.length);
  size.forEach((count, i) => {
    if (!(count >= 1)) throw new RangeError(`node ${i} has an invalid sample count`);
  });
  return { kind: 'isolation-forest', params: { ...params }, arrays: { ...trees, size } };
}
