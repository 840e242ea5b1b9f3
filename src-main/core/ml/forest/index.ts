// Public surface of the forest models: Isolation Forest (unsupervised anomaly scores), Random
// Forest (supervised class-1 probability; per-class probabilities for threat types) and the
// ranking metrics used to judge them.

export { explainForest, type ForestExplanation } from './forest-explain.js';
export { type FitProgress, fitRandomForest } from './forest-fit.js';
export { featureImportances, predictProba } from './forest-predict.js';
export {
  deserializeRandomForest,
  RANDOM_FOREST_FORMAT,
  type SerializedRandomForest,
  serializeRandomForest,
} from './forest-serialize.js';
export type {
  ClassWeight,
  MaxFeatures,
  RandomForestArrays,
  RandomForestModel,
  RandomForestOptions,
  RandomForestParams,
} from './forest-types.js';
export { decision, decisionFunction, flagOutliers, scoreThreshold } from './isolation-decision.js';
export { explainIsolation, type IsolationExplanation } from './isolation-explain.js';
export { fitIsolationForest } from './isolation-fit.js';
export { meanPathLengths, scoreSamples } from './isolation-score.js';
export {
  deserializeIsolationForest,
  ISOLATION_FOREST_FORMAT,
  type SerializedIsolationForest,
  serializeIsolationForest,
} from './isolation-serialize.js';
export type {
  IsolationForestArrays,
  IsolationForestModel,
  IsolationForestOptions,
  IsolationForestParams,
} from './isolation-types.js';
export type { DenseMatrix } from './matrix.js';
export { prAuc, rocAuc } from './metrics.js';
export { explainMulticlass } from './multiclass-explain.js';
export { fitMulticlassForest } from './multiclass-fit.js';
export { argmaxClasses, predictClassProba } from './multiclass-predict.js';
export {
  deserializeMulticlassForest,
  MULTICLASS_FOREST_FORMAT,
  type SerializedMulticlassForest,
  serializeMulticlassForest,
} from './multiclass-serialize.js';
export {
  MAX_CLASSES,
  type MulticlassForestModel,
  type MulticlassForestOptions,
  type MulticlassWeight,
} from './multiclass-types.js';
export { averagePathLength } from './path-length.js';
export { percentile } from './quantile.js';
export { deriveSeed, Rng } from './random.js';
