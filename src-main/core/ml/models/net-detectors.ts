// Dense and Conv1D networks behind the Detector face. Explanations are a perturbation estimate:
// each feature of the row in turn is set to its training mean (0 after scaling) and the drop in
// the predicted probability is that feature's push toward "malicious". For Conv1D the row keeps
// its source's preceding sessions as context, so the estimate sees what the network sees.

import type { ModelKind, ModelParams } from '../../../../src-shared/models.js';
import { must } from '../../../../src-shared/must.js';
import {
  DEFAULT_PARAMS,
  loadNetwork,
  type NetKind,
  type NetParams,
  type TrainedNet,
  trainNetwork,
} from '../nn/index.js';
import { packWeights, unpackWeights } from './codec.js';
import type { Detector, FeatureData, Loader, Trainer } from './detector.js';
import { threatScores, topKind } from './kind-decision.js';

/** Rows explained per predict call: bounds the probe matrix (rows × (features + 1) × context). */
const EXPLAIN_CHUNK = 64;

/** `window`: sessions of a source the Conv1D net reads; a row's explanation keeps window − 1 before it. */
function netDetector(kind: NetKind, net: TrainedNet, window: number): Detector {
  const contextRows = kind === 'conv1d' ? window - 1 : 0;
  const K = net.classes;
  const classProba = async (data: FeatureData) => Float64Array.from(await net.predict(data));
  return {
    kind,
    backend: net.backend,
    contextRows,
    history: net.history,
    ...(K ? { classes: K, classProba } : {}),
    async score(data) {
      return K ? threatScores(await classProba(data), K) : classProba(data);
    },
    async explain(data, rows) {
      const out: Float64Array[] = [];
      for (let i = 0; i < rows.length; i += EXPLAIN_CHUNK)
        out.push(...(await explainByPerturbation(net, contextRows, data, rows.slice(i, i + EXPLAIN_CHUNK))));
      return out;
    },
    // The window travels with the network's own bytes, to rebuild explanations after loading.
    weights: async () => packWeights({ kind, window }, { net: await net.serialize() }),
    dispose: () => net.dispose(),
  };
}

export async function explainByPerturbation(
  net: TrainedNet,
  contextRows: number,
  data: FeatureData,
  rows: number[],
): Promise<Float64Array[]> {
  const f = data.features;
  // One probe per (row, feature) plus the unperturbed row; each probe is its own "source" with the
  // row's context in front, so all probes go through the network in one predict call.
  const probes: { context: number[]; row: number; feature: number }[] = [];
  for (const row of rows) {
    const context = precedingRows(data, row, contextRows);
    for (let feature = -1; feature < f; feature++) probes.push({ context, row, feature });
  }
  const total = probes.reduce((n, p) => n + p.context.length + 1, 0);
  const x = new Float32Array(total * f);
  const sourceKey = new Int32Array(total);
  const at: number[] = [];
  let r = 0;
  probes.forEach((probe, key) => {
    for (const c of probe.context) {
      x.set(data.x.subarray(c * f, (c + 1) * f), r * f);
      sourceKey[r++] = key;
    }
    x.set(data.x.subarray(probe.row * f, (probe.row + 1) * f), r * f);
    if (probe.feature >= 0) x[r * f + probe.feature] = 0;
    sourceKey[r] = key;
    at.push(r++);
  });
  // Only the probes' own rows are predicted: a context row is there to be read in a probe's window,
  // and predicting it too cost (context + 1) times the work (a window of 8: 8× per explained row).
  const p = Float64Array.from(
    await net.predict({ x, rows: total, features: f, sourceKey }, Int32Array.from(at)),
  );
  // A threat-type network explains each row's most probable kind: K probabilities per probe.
  const K = net.classes ?? 1;
  // The k-th probe's probability of class c.
  const predicted = (k: number, c: number): number => must(p[k * K + c], 'the prediction of a probe');
  return rows.map((_, i) => {
    const base = i * (f + 1);
    const c = K > 1 ? topKind(p, K, base) : 0;
    const original = predicted(base, c);
    return Float64Array.from({ length: f }, (_, j) => original - predicted(base + 1 + j, c));
  });
}

function precedingRows(data: FeatureData, row: number, count: number): number[] {
  const key = must(data.sourceKey[row], 'the source of the explained row');
  const out: number[] = [];
  for (let r = row - 1; r >= 0 && out.length < count; r--) if (data.sourceKey[r] === key) out.push(r);
  return out.reverse();
}

function netParams(params: ModelParams): NetParams {
  return {
    epochs: params.epochs,
    batchSize: params.batchSize,
    learningRate: params.learningRate,
    window: params.sequence,
    seed: params.seed,
  };
}

export function netTrainer(kind: NetKind): Trainer {
  return async (input, params, hooks) => {
    if (!input.y) throw new Error(`a ${kind} network needs labels`);
    let lastLoss = '';
    const net = await trainNetwork(kind, { ...input, y: input.y }, netParams(params), {
      signal: hooks.signal,
      // The worker port throttles these to a few per second.
      onBatch: (b) =>
        void hooks.onProgress?.(
          (b.epoch - 1 + b.rowsDone / b.rows) / b.epochs,
          `epoch ${b.epoch}/${b.epochs}: ${Math.floor((100 * b.rowsDone) / b.rows)} %${lastLoss}`,
        ),
      onEpoch: (e) => {
        lastLoss = ` (last loss ${e.loss.toFixed(4)})`;
        const val = e.valLoss === undefined ? '' : `, val loss ${e.valLoss.toFixed(4)}`;
        void hooks.onProgress?.(
          e.epoch / e.epochs,
          `epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}${val}`,
        );
      },
    });
    return netDetector(kind, net, params.sequence ?? DEFAULT_PARAMS.window);
  };
}

export function netLoader(kind: NetKind): Loader {
  return async (bytes) => {
    const { meta, arrays } = unpackWeights(bytes);
    const net = arrays.net;
    if (!(net instanceof Uint8Array)) throw new Error(`the stored ${kind} model has no network bytes`);
    return netDetector(kind, await loadNetwork(kind, net), (meta as { window: number }).window);
  };
}

export const isNetKind = (kind: ModelKind): kind is NetKind => kind === 'dense' || kind === 'conv1d';
