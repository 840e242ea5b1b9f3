// A random forest as `{ params, arrays }` of plain values and typed arrays: structured-clone
// friendly (worker postMessage) and easy to store as blobs. Loading validates what the walkers
// rely on.

import type { RandomForestArrays, RandomForestModel, RandomForestParams } from './forest-types.js';
import { copyArrays, expectModelHeader, expectTypedArray, loadTreeArrays } from './serialize-check.js';

export const RANDOM_FOREST_FORMAT = 'vigil.random-forest/1';

export interface SerializedRandomForest {
  format: typeof RANDOM_FOREST_FORMAT;
  params: RandomForestParams;
  arrays: RandomForestArrays;
}

export function serializeRandomForest(model: RandomForestModel): SerializedRandomForest {
  return {
    format: RANDOM_FOREST_FORMAT,
    // structuredClone, not a spread: classWeights and a classWeight object are nested.
    params: structuredClone(model.params),
    arrays: copyArrays(model.arrays),
  };
}

export function deserializeRandomForest(value: SerializedRandomForest): RandomForestModel {
  const params = expectModelHeader(value, RANDOM_FOREST_FORMAT, [
    'nEstimators',
    'maxFeatures',
    'minSamplesLeaf',
    'minSamplesSplit',
    'cols',
    'seed',
  ]);
  const trees = loadTreeArrays(value.arrays, params.nEstimators, params.cols);
  const n = trees.feature.length;
  const nodeValue = expectTypedArray(value.arrays.value, Float32Array, 'value', n);
  nodeValue.forEach((v, i) => {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`node ${i} has a class share outside [0, 1]`);
  });
  const importances = expectTypedArray(value.arrays.importances, Float64Array, 'importances', params.cols);
  return {
    kind: 'random-forest',
    params: structuredClone(params),
    arrays: { ...trees, value: nodeValue, importances },
  };
}
