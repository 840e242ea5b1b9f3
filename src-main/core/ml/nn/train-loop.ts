// Mini-batch training with our own loop rather than model.fit: fit shuffles with Math.random
// (not reproducible), cannot be cancelled mid-epoch, and has no time-ordered validation split.

import type { LayersModel, Scalar, Tensor, Variable } from '@tensorflow/tfjs';
import { must } from '../../../../src-shared/must.js';
import { deriveSeed, Rng } from '../forest/random.js';
import { type BatchInputs, rowSize } from './batch-inputs.js';
import { balancedWeightsOf, weightedCrossEntropy } from './class-loss.js';
import { balancedClassWeights, type ClassWeights, weightedLogLoss } from './class-weights.js';
import type { ResolvedParams } from './params.js';
import { predictRows } from './predict-rows.js';
import type { NnRuntime } from './runtime.js';
import type { TrainOptions } from './types.js';

export interface TrainSplit {
  train: Int32Array;
  validation: Int32Array;
}

export interface History {
  loss: number[];
  valLoss: number[];
}

const SHUFFLE_STREAM = 0x5eed;

/** Two-class weights, or one weight per class for a K-class network. */
type Weights = ClassWeights | Float64Array;

/** The latest `validationSplit` of the rows (they are in time order) validate; the rest train. */
export function timeOrderedSplit(rows: number, validationSplit: number): TrainSplit {
  const validation = Math.floor(rows * validationSplit);
  const all = Int32Array.from({ length: rows }, (_, r) => r);
  return { train: all.subarray(0, rows - validation), validation: all.subarray(rows - validation) };
}

/**
 * Trains `model` in place. Early stopping watches the validation loss and, when training ends,
 * puts back the weights of the best epoch. Throws the signal's reason when aborted.
 */
export async function trainLoop(
  rt: NnRuntime,
  model: LayersModel,
  inputs: BatchInputs,
  y: Uint8Array,
  split: TrainSplit,
  p: ResolvedParams,
  options: TrainOptions,
  classes?: number,
): Promise<History> {
  const { tf } = rt;
  const weights: Weights = classes
    ? balancedWeightsOf(y, split.train, classes)
    : balancedClassWeights(y, split.train);
  const optimizer = tf.train.adam(p.learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as Variable);
  const shuffler = new Rng(deriveSeed(p.seed, SHUFFLE_STREAM));
  const order = Int32Array.from(split.train);
  const history: History = { loss: [], valLoss: [] };
  let best: { loss: number; weights: Tensor[] } | undefined;
  let sinceBest = 0;
  try {
    for (let epoch = 1; epoch <= p.epochs; epoch++) {
      shuffle(order, shuffler);
      let lossSum = 0;
      for (let start = 0; start < order.length; start += p.batchSize) {
        // Let the worker see a cancel message between batches.
        await new Promise((resolve) => setImmediate(resolve));
        options.signal?.throwIfAborted();
        const rows = order.subarray(start, Math.min(start + p.batchSize, order.length));
        lossSum +=
          (await trainBatch(tf, model, optimizer, variables, inputs, y, rows, weights)) * rows.length;
        options.onBatch?.({ epoch, epochs: p.epochs, rowsDone: start + rows.length, rows: order.length });
      }
      const loss = lossSum / order.length;
      history.loss.push(loss);
      let valLoss: number | undefined;
      if (split.validation.length > 0) {
        const probabilities = await predictRows(tf, model, inputs, split.validation, classes);
        valLoss =
          weights instanceof Float64Array
            ? weightedCrossEntropy(probabilities, y, split.validation, weights)
            : weightedLogLoss(probabilities, y, split.validation, weights);
        history.valLoss.push(valLoss);
        if (!best || valLoss < best.loss) {
          tf.dispose(best?.weights);
          best = { loss: valLoss, weights: model.getWeights().map((w) => w.clone()) };
          sinceBest = 0;
        } else {
          sinceBest++;
        }
      }
      options.onEpoch?.({ epoch, epochs: p.epochs, loss, valLoss });
      // Keras's rule: stop once `patience` epochs in a row (at least one) failed to improve.
      if (sinceBest > 0 && sinceBest >= p.patience) break;
    }
    if (best) model.setWeights(best.weights);
    return history;
  } finally {
    tf.dispose(best?.weights);
    optimizer.dispose();
  }
}

async function trainBatch(
  tf: NnRuntime['tf'],
  model: LayersModel,
  optimizer: ReturnType<NnRuntime['tf']['train']['adam']>,
  variables: Variable[],
  inputs: BatchInputs,
  y: Uint8Array,
  rows: Int32Array,
  weights: Weights,
): Promise<number> {
  const values = new Float32Array(rows.length * rowSize(inputs));
  inputs.fill(rows, values);
  if (weights instanceof Float64Array)
    return trainClassBatch(tf, model, optimizer, variables, inputs, values, y, rows, weights);
  const labels = new Float32Array(rows.length);
  const sampleWeights = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const positive = y[must(rows[i], 'a row of the batch')] === 1;
    labels[i] = positive ? 1 : 0;
    sampleWeights[i] = positive ? weights.positive : weights.negative;
  }
  const x = tf.tensor(values, [rows.length, ...inputs.rowShape]);
  const target = tf.tensor2d(labels, [rows.length, 1]);
  const w = tf.tensor2d(sampleWeights, [rows.length, 1]);
  const cost = must(
    optimizer.minimize(
      () => {
        const predicted = model.apply(x, { training: true }) as Tensor;
        // Σ weight × log loss / rows (all weights are non-zero): the quantity weightedLogLoss reports.
        return tf.losses.logLoss(target, predicted, w, 1e-7, tf.Reduction.SUM_BY_NONZERO_WEIGHTS) as Scalar;
      },
      true,
      variables,
    ),
    'the cost minimize returns when asked for it',
  );
  const value = must((await cost.data())[0], 'the value of the cost');
  tf.dispose([x, target, w, cost]);
  return value;
}

/** One step on a batch of a K-class network: class-weighted categorical cross-entropy. */
async function trainClassBatch(
  tf: NnRuntime['tf'],
  model: LayersModel,
  optimizer: ReturnType<NnRuntime['tf']['train']['adam']>,
  variables: Variable[],
  inputs: BatchInputs,
  values: Float32Array,
  y: Uint8Array,
  rows: Int32Array,
  weights: Float64Array,
): Promise<number> {
  const K = weights.length;
  const oneHot = new Float32Array(rows.length * K);
  const sampleWeights = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const c = must(y[must(rows[i], 'a row of the batch')], 'the class of a row');
    oneHot[i * K + c] = 1;
    sampleWeights[i] = must(weights[c], 'the weight of a class');
  }
  const x = tf.tensor(values, [rows.length, ...inputs.rowShape]);
  const target = tf.tensor2d(oneHot, [rows.length, K]);
  const w = tf.tensor1d(sampleWeights);
  const cost = must(
    optimizer.minimize(
      () => {
        const predicted = model.apply(x, { training: true }) as Tensor;
        // −log p(true class) per row, the same epsilon as logLoss; weighted mean as weightedCrossEntropy.
        const perRow = tf.neg(tf.sum(tf.mul(target, tf.log(tf.add(predicted, 1e-7))), -1));
        return tf.losses.computeWeightedLoss(perRow, w, tf.Reduction.SUM_BY_NONZERO_WEIGHTS) as Scalar;
      },
      true,
      variables,
    ),
    'the cost minimize returns when asked for it',
  );
  const value = must((await cost.data())[0], 'the value of the cost');
  tf.dispose([x, target, w, cost]);
  return value;
}

const ROW_TO_SHUFFLE = 'a row to shuffle';

/** Seeded Fisher–Yates. */
function shuffle(order: Int32Array, rng: Rng): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const held = must(order[i], ROW_TO_SHUFFLE);
    order[i] = must(order[j], ROW_TO_SHUFFLE);
    order[j] = held;
  }
}
