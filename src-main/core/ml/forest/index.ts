// Public surface of the forest models: Isolation Forest (unsupervised anomaly scores), Random
// Forest (supervised class-1 probability) and the ranking metrics used to judge both.

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
export { averagePathLength } from './path-length.js';
export { percentile } from './quantile.js';
export { deriveSeed, Rng } from './random.js';
