// Isolation Forest and Random Forest behind the Detector face, with their weights packed for the
// registry. Isolation scores are negated sklearn `score_samples` (2^(−E[h]/c(ψ)), in (0, 1]):
// higher = isolated sooner = more anomalous, so both kinds rank the same way.

import { must } from '../../../../src-shared/must.js';
import { NUMERIC_COUNT } from '../../features/columns.js';
import {
  deserializeIsolationForest,
  deserializeRandomForest,
  explainForest,
  explainIsolation,
  fitRandomForest,
  ISOLATION_FOREST_FORMAT,
  type IsolationForestModel,
  predictProba,
  RANDOM_FOREST_FORMAT,
  type RandomForestModel,
  type SerializedIsolationForest,
  type SerializedRandomForest,
  scoreSamples,
} from '../forest/index.js';
import { packWeights, unpackWeights } from './codec.js';
import { type Detector, type FeatureData, type Loader, reportNow, type Trainer } from './detector.js';
import { fitIsolationForestInChunks } from './forest-chunks.js';
import { isKindForest, loadKindForest, trainKindForest } from './kind-forest-detector.js';

const matrixOf = (data: FeatureData) => ({ data: data.x, rows: data.rows, cols: data.features });
const rowOf = (data: FeatureData, r: number) => data.x.subarray(r * data.features, (r + 1) * data.features);

function isolationDetector(model: IsolationForestModel, columns: number): Detector {
  return {
    kind: 'iforest',
    backend: 'cpu',
    contextRows: 0,
    async score(data) {
      const scores = scoreSamples(model, leadingColumns(data, columns));
      for (let i = 0; i < scores.length; i++) scores[i] = -must(scores[i], 'a score');
      return scores;
    },
    async explain(data, rows) {
      return rows.map((r) => {
        const own = explainIsolation(model, rowOf(data, r).subarray(0, columns)).contributions;
        const full = new Float64Array(data.features);
        full.set(own);
        return full;
      });
    },
    async weights() {
      const { params, arrays } = model;
      return packWeights({ kind: model.kind, params, columns }, { ...arrays });
    },
    dispose() {},
  };
}

/**
 * The Isolation Forest reads the scaled features only (the numeric ones, and the request ones when
 * the data has requests). A random cut on a 0/1 one-hot column
 * isolates a whole category at once, so one-hots make it score "rare country or protocol" rather
 * than unusual behaviour (on generated data ROC-AUC fell from about 0.97 to 0.92 with them).
 */
function leadingColumns(data: FeatureData, columns: number) {
  if (columns === data.features) return matrixOf(data);
  const out = new Float32Array(data.rows * columns);
  for (let r = 0; r < data.rows; r++)
    out.set(data.x.subarray(r * data.features, r * data.features + columns), r * columns);
  return { data: out, rows: data.rows, cols: columns };
}

function randomForestDetector(model: RandomForestModel): Detector {
  return {
    kind: 'rf',
    backend: 'cpu',
    contextRows: 0,
    importances: model.arrays.importances,
    async score(data) {
      return predictProba(model, matrixOf(data));
    },
    async explain(data, rows) {
      return rows.map((r) => explainForest(model, rowOf(data, r)).contributions);
    },
    async weights() {
      const { params, arrays } = model;
      return packWeights({ kind: model.kind, params }, { ...arrays });
    },
    dispose() {},
  };
}

export const trainIsolationForest: Trainer = async (input, params, hooks) => {
  const nEstimators = params.trees ?? 100;
  const columns = Math.min(input.scaled ?? NUMERIC_COUNT, input.features);
  const model = await fitIsolationForestInChunks(
    leadingColumns(input, columns),
    { nEstimators, seed: params.seed ?? 0, maxSamples: params.maxSamples ?? 'auto' },
    {
      signal: hooks.signal,
      onTrees: (built, total) =>
        hooks.onProgress?.(built / total, `${built}/${total} trees built`) ?? Promise.resolve(),
    },
  );
  return isolationDetector(model, columns);
};

export const trainRandomForest: Trainer = async (input, params, hooks) => {
  if (!input.y) throw new Error('a random forest needs labels');
  const nEstimators = params.trees ?? 100;
  hooks.signal?.throwIfAborted();
  if (input.classes !== undefined)
    return trainKindForest(
      { ...input, y: input.y, classes: input.classes },
      {
        nEstimators,
        seed: params.seed ?? 0,
        maxDepth: params.maxDepth ?? null,
        minSamplesLeaf: params.minSamplesLeaf ?? 1,
      },
      hooks,
    );
  const model = fitRandomForest(
    matrixOf(input),
    input.y,
    {
      nEstimators,
      seed: params.seed ?? 0,
      maxDepth: params.maxDepth ?? null,
      minSamplesLeaf: params.minSamplesLeaf ?? 1,
      // Attacks are rare: weight the classes so the trees do not just learn "benign".
      classWeight: 'balanced',
    },
    {
      // Binning is a sliver of the fit: the bar moves with the trees, the message says what runs.
      onBinned: (columns, cols) => reportNow(hooks, 0, `Finding split points: ${columns}/${cols} features`),
      onTrees: (built) =>
        reportNow(hooks, built / nEstimators, `${Math.floor(built)}/${nEstimators} trees built`),
    },
  );
  return randomForestDetector(model);
};

// Loading goes through the forest modules' deserializers, which validate every array.

export const loadIsolationForest: Loader = async (bytes) => {
  const { meta, arrays } = unpackWeights(bytes);
  const { params, columns } = meta as { params: IsolationForestModel['params']; columns: number };
  return isolationDetector(
    deserializeIsolationForest({
      format: ISOLATION_FOREST_FORMAT,
      params,
      // The deserializer checks each array's type and length.
      arrays: arrays as unknown as SerializedIsolationForest['arrays'],
    }),
    columns,
  );
};

export const loadRandomForest: Loader = async (bytes) => {
  const { meta, arrays } = unpackWeights(bytes);
  if (isKindForest(meta)) return loadKindForest(meta, arrays);
  const params = (meta as { params: RandomForestModel['params'] }).params;
  return randomForestDetector(
    deserializeRandomForest({
      format: RANDOM_FOREST_FORMAT,
      params,
      arrays: arrays as unknown as SerializedRandomForest['arrays'],
    }),
  );
};
