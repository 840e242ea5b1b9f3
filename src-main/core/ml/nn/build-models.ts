// The two architectures. Every initializer gets its own seed derived from the run's seed, so a
// seeded run starts from the same weights on every machine.
import type { LayersModel, Sequential } from '@tensorflow/tfjs';
import { deriveSeed } from '../forest/random.js';
import type { ResolvedParams } from './params.js';
import type { NnRuntime } from './runtime.js';
import type { NetKind } from './types.js';

export function buildModel(rt: NnRuntime, kind: NetKind, features: number, p: ResolvedParams): LayersModel {
  return kind === 'dense' ? buildDense(rt, features, p) : buildConv1d(rt, features, p);
}

/** Row features → (dense + dropout) × hidden → sigmoid. */
function buildDense(rt: NnRuntime, features: number, p: ResolvedParams): LayersModel {
  const model = rt.tf.sequential();
  model.add(rt.tf.layers.inputLayer({ inputShape: [features] }));
  addHeadLayers(rt, model, p);
  return model;
}

/**
 * A source's last `window` sessions → Conv1D (as unfold + dense, see unfold-layer.ts) with ReLU
 * → global max pooling over time → (dense + dropout) × hidden → sigmoid.
 */
function buildConv1d(rt: NnRuntime, features: number, p: ResolvedParams): LayersModel {
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
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed(2 * p.hidden.length) }),
    }),
  );
}
