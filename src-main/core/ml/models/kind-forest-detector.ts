// The threat-type random forest behind the Detector face: class probabilities per session, a
// score of 1 − P(benign) so it flags like any other run, and "why flagged" as the features that
// pushed the session toward its most probable kind.
import {
  deserializeMulticlassForest,
  explainMulticlass,
  fitMulticlassForest,
  MULTICLASS_FOREST_FORMAT,
  type MulticlassForestModel,
  predictClassProba,
  type SerializedMulticlassForest,
} from '../forest/index.js';
import { packWeights } from './codec.js';
import { type Detector, type FeatureData, reportNow, type TrainHooks, type TrainInput } from './detector.js';
import { threatScores, topKind } from './kind-decision.js';

const matrixOf = (data: FeatureData) => ({ data: data.x, rows: data.rows, cols: data.features });
const rowOf = (data: FeatureData, r: number) => data.x.subarray(r * data.features, (r + 1) * data.features);

function kindForestDetector(model: MulticlassForestModel): Detector {
  const K = model.params.classes;
  const classProba = async (data: FeatureData) => predictClassProba(model, matrixOf(data));
  return {
    kind: 'rf',
    backend: 'cpu',
    contextRows: 0,
    importances: model.arrays.importances,
    classes: K,
    classProba,
    async score(data) {
      return threatScores(await classProba(data), K);
    },
    async explain(data, rows) {
      return rows.map((r) => {
        const row = rowOf(data, r);
        const proba = predictClassProba(model, { data: row, rows: 1, cols: data.features });
        return explainMulticlass(model, row, topKind(proba, K, 0)).contributions;
      });
    },
    async weights() {
      const { params, arrays } = model;
      return packWeights({ kind: model.kind, params }, { ...arrays });
    },
    dispose() {},
  };
}

export function trainKindForest(
  input: TrainInput & { y: Uint8Array; classes: number },
  options: { nEstimators: number; seed: number; maxDepth: number | null; minSamplesLeaf: number },
  hooks: TrainHooks,
): Detector {
  const { nEstimators } = options;
  const model = fitMulticlassForest(
    matrixOf(input),
    input.y,
    input.classes,
    // Attacks are rare and some kinds rarer still: weight the classes so no kind is drowned.
    { ...options, classWeight: 'balanced' },
    {
      onBinned: (columns, cols) => reportNow(hooks, 0, `Finding split points: ${columns}/${cols} features`),
      onTrees: (built) =>
        reportNow(hooks, built / nEstimators, `${Math.floor(built)}/${nEstimators} trees built`),
    },
  );
  return kindForestDetector(model);
}

/** The stored meta of a forest blob says which forest it is. */
export function isKindForest(meta: unknown): boolean {
  return (meta as { kind?: string } | null)?.kind === 'random-forest-multiclass';
}

export function loadKindForest(meta: unknown, arrays: Record<string, unknown>): Detector {
  const params = (meta as { params: MulticlassForestModel['params'] }).params;
  return kindForestDetector(
    deserializeMulticlassForest({
      format: MULTICLASS_FOREST_FORMAT,
      params,
      // The deserializer checks each array's type and length.
      arrays: arrays as unknown as SerializedMulticlassForest['arrays'],
    }),
  );
}
