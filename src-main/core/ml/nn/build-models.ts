// The two architectures. Every initializer gets its own seed derived from the run's seed, so a
// seeded run starts from the same weights on every machine.
import type { LayersModel, Sequential } from '@tensorflow/tfjs';
import { deriveSeed } from '../forest/random.js';
import type { ResolvedParams } from './params.js';
import type { NnRuntime } from './runtime.js';
import type { NetKind } from './types.js';

/** `classes`: a softmax over K classes (threat types) instead of one sigmoid. */
export function buildModel(
  rt: NnRuntime,
  kind: NetKind,
  features: number,
  p: ResolvedParams,
  classes?: number,
): LayersModel {
  const model = kind === 'dense' ? buildDense(rt, features, p) : buildConv1d(rt, features, p);
  addOutputLayer(rt, model, p, classes);
  return model;
}

/** Row features → (dense + dropout) × hidden → the output (buildModel). */
function buildDense(rt: NnRuntime, features: number, p: ResolvedParams): Sequential {
  const model = rt.tf.sequential();
  model.add(rt.tf.layers.inputLayer({ inputShape: [features] }));
  addHeadLayers(rt, model, p);
  return model;
}

/**
 * A source's last `window` sessions → Conv1D (as unfold + dense, see unfold-layer.ts) with ReLU
 * → global max pooling over time → (dense + dropout) × hidden → the output (buildModel).
 */
function buildConv1d(rt: NnRuntime, features: number, p: ResolvedParams): Sequential {
  if (p.kernelSize > p.window)
    throw new RangeError(`kernelSize (${p.kernelSize}) exceeds window (${p.window})`);
  const { tf } = rt;
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [p.window, features] }));
  model.add(new rt.Unfold1D({ kernelSize: p.kernelSize }));
  model.add(
    tf.layers.dense({
      units: p.filters,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(p.seed, 100) }),
    }),
  );
  model.add(tf.layers.globalMaxPooling1d({}));
  addHeadLayers(rt, model, p);
  return model;
}

function addHeadLayers(rt: NnRuntime, model: Sequential, p: ResolvedParams): void {
  const { tf } = rt;
  const seed = (stream: number) => deriveSeed(p.seed, stream);
  p.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed(2 * i) }),
      }),
    );
    if (p.dropout > 0) model.add(new rt.SeededDropout({ rate: p.dropout, seed: seed(2 * i + 1) }));
  });
}

function addOutputLayer(rt: NnRuntime, model: Sequential, p: ResolvedParams, classes?: number): void {
  model.add(
    rt.tf.layers.dense({
      units: classes ?? 1,
      activation: classes ? 'softmax' : 'sigmoid',
      kernelInitializer: rt.tf.initializers.glorotUniform({ seed: deriveSeed(p.seed, 2 * p.hidden.length) }),
    }),
  );
}
