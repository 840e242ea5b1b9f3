// A multi-class random forest as `{ params, arrays }` of plain values and typed arrays (see
// forest-serialize.ts); loading validates what the walkers rely on.

import {
  MAX_CLASSES,
  type MulticlassForestArrays,
  type MulticlassForestModel,
  type MulticlassForestParams,
} from './multiclass-types.js';
import { copyArrays, expectModelHeader, expectTypedArray, loadTreeArrays } from './serialize-check.js';

export const MULTICLASS_FOREST_FORMAT = 'vigil.random-forest-multiclass/1';

export interface SerializedMulticlassForest {
  format: typeof MULTICLASS_FOREST_FORMAT;
  params: MulticlassForestParams;
  arrays: MulticlassForestArrays;
}

export function serializeMulticlassForest(model: MulticlassForestModel): SerializedMulticlassForest {
  return {
    format: MULTICLASS_FOREST_FORMAT,
    params: structuredClone(model.params),
    arrays: copyArrays(model.arrays),
  };
}

export function deserializeMulticlassForest(value: SerializedMulticlassForest): MulticlassForestModel {
  const params = expectModelHeader(value, MULTICLASS_FOREST_FORMAT, [
    'nEstimators',
    'maxFeatures',
    'minSamplesLeaf',
    'minSamplesSplit',
    'classes',
    'cols',
    'seed',
  ]);
  const K = params.classes;
  if (!(Number.isInteger(K) && K >= 2 && K <= MAX_CLASSES))
    throw new RangeError(`model params.classes must be an integer from 2 to ${MAX_CLASSES}`);
  const trees = loadTreeArrays(value.arrays, params.nEstimators, params.cols);
  const shares = expectTypedArray(value.arrays.value, Float32Array, 'value', trees.feature.length * K);
  shares.forEach((v, i) => {
    if (!(v >= 0 && v <= 1))
      throw new RangeError(`node ${Math.floor(i / K)} has a class share outside [0, 1]`);
  });
  const importances = expectTypedArray(value.arrays.importances, Float64Array, 'importances', params.cols);
  return {
    kind: 'random-forest-multiclass',
    params: structuredClone(params),
    arrays: { ...trees, value: shares, importances },
  };
}
