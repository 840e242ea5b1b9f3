// Proves the Conv1D formulation that trains on wasm (unfold + dense, see unfold-layer.ts) is the
// same function as tf.layers.conv1d: same outputs and same kernel gradients, on the cpu backend,
// where the real conv1d both runs and trains.
import type { LayersModel, Tensor, Variable } from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../src-main/core/ml/nn/build-models.js';
import { resolveParams } from '../../../src-main/core/ml/nn/params.js';
import { type NnRuntime, nnRuntime } from '../../../src-main/core/ml/nn/runtime.js';

const window = 8;
const features = 5;
const filters = 6;
const kernelSize = 3;
let rt: NnRuntime;

beforeAll(async () => {
  process.env.VIGIL_TF_BACKEND = 'cpu';
  rt = await nnRuntime();
});
afterAll(() => {
  delete process.env.VIGIL_TF_BACKEND;
});

function maxAbsDifference(a: Tensor, b: Tensor): number {
  return rt.tf.tidy(() => rt.tf.max(rt.tf.abs(rt.tf.sub(a, b))).dataSync()[0]!);
}

/** Gives every weight of `model` random values (biases included, so they are tested too). */
function randomiseWeights(model: LayersModel, seed: number): void {
  model.setWeights(
    model.getWeights().map((w, i) => rt.tf.randomNormal(w.shape, 0, 0.5, 'float32', seed + i)),
  );
}

describe('Conv1D as unfold + dense', () => {
  it('runs on the cpu backend, where a real conv1d exists to compare with', () => {
    expect(rt.backend).toBe('cpu');
  });

  it('equals a real tf.layers.conv1d layer in outputs and in kernel gradients', () => {
    const { tf } = rt;
    const ours = tf.sequential({
      layers: [
        tf.layers.inputLayer({ inputShape: [window, features] }),
        new rt.Unfold1D({ kernelSize }),
        tf.layers.dense({ units: filters }),
      ],
    });
    const real = tf.sequential({
      layers: [tf.layers.conv1d({ inputShape: [window, features], filters, kernelSize })],
    });
    randomiseWeights(ours, 11);
    const [kernel, bias] = ours.getWeights();
    expect(kernel!.shape).toEqual([kernelSize * features, filters]);
    // Same weights: the dense kernel is the conv kernel [k, in, filters], flattened.
    real.setWeights([tf.reshape(kernel!, [kernelSize, features, filters]), bias!]);

    const x = tf.randomNormal([16, window, features], 0, 1, 'float32', 5);
    const ourOut = ours.predict(x) as Tensor;
    const realOut = real.predict(x) as Tensor;
    expect(ourOut.shape).toEqual([16, window - kernelSize + 1, filters]);
    expect(ourOut.shape).toEqual(realOut.shape);
    expect(maxAbsDifference(ourOut, realOut)).toBeLessThan(1e-5);

    // The weight gradients agree too, so both train the same way.
    const gradient = (model: LayersModel) => {
      const variable = model.trainableWeights[0]!.read() as Variable;
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(model.apply(x) as Tensor)), [variable]);
      return grads[variable.name]!;
    };
    const ourGrad = tf.reshape(gradient(ours), [kernelSize, features, filters]);
    const realGrad = gradient(real);
    expect(maxAbsDifference(ourGrad, realGrad)).toBeLessThan(1e-4);
    // A difference that large would be a real discrepancy, not rounding.
    expect(tf.max(tf.abs(realGrad)).dataSync()[0]).toBeGreaterThan(1);
  });

  it('makes the whole conv1d network equal to its tf.layers.conv1d twin', () => {
    const { tf } = rt;
    const p = resolveParams({ window, filters, kernelSize, hidden: [7], dropout: 0.3, seed: 3 }, 100);
    const ours = buildModel(rt, 'conv1d', features, p);
    const real = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [window, features], filters, kernelSize, activation: 'relu' }),
        tf.layers.globalMaxPooling1d({}),
        tf.layers.dense({ units: 7, activation: 'relu' }),
        tf.layers.dropout({ rate: 0.3 }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    randomiseWeights(ours, 21);
    const weights = ours.getWeights();
    real.setWeights([tf.reshape(weights[0]!, [kernelSize, features, filters]), ...weights.slice(1)]);

    const x = tf.randomNormal([32, window, features], 0, 1, 'float32', 9);
    const ourOut = ours.predict(x) as Tensor;
    const realOut = real.predict(x) as Tensor;
    expect(ourOut.shape).toEqual([32, 1]);
    expect(maxAbsDifference(ourOut, realOut)).toBeLessThan(1e-5);
    // Not a degenerate comparison: the outputs actually vary between rows.
    expect(tf.moments(ourOut).variance.dataSync()[0]).toBeGreaterThan(1e-4);
  });
});
