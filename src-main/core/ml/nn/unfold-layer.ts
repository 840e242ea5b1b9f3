// Conv1D as "unfold + dense". The wasm backend has no Conv2DBackpropFilter kernel, so a real
// tf.layers.conv1d cannot train there (and on the cpu backend it is ~30× slower). A 'valid'
// Conv1D with kernel [k, in, filters] is the same function as: gather each output step's k
// input steps into one vector of k·in values (this layer), then a Dense on the last axis with
// kernel [k·in, filters] — the conv kernel reshaped. Slice, concat and matMul have gradients on
// every backend, so the model trains on wasm; conv1d-equivalence.test.ts proves the identity.

import type { Tensor } from '@tensorflow/tfjs';
import { must } from '../../../../src-shared/must.js';
import type { Tf } from './backend.js';

type LayerArgs = NonNullable<ConstructorParameters<Tf['layers']['Layer']>[0]>;
type Shape = (number | null)[];

export const UNFOLD_CLASS = 'VigilUnfold1D';

export interface UnfoldArgs extends LayerArgs {
  kernelSize: number;
}

/** Defines (once per tfjs instance) the layer class; it needs the runtime's tf, loaded lazily. */
export function unfoldLayerClass(tf: Tf) {
  class Unfold1D extends tf.layers.Layer {
    static readonly className = UNFOLD_CLASS;
    readonly kernelSize: number;

    constructor(args: UnfoldArgs) {
      super(args);
      this.kernelSize = args.kernelSize;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const [batch, steps, channels] = Array.isArray(inputShape[0]) ? inputShape[0] : (inputShape as Shape);
      return [
        batch ?? null,
        steps == null ? null : unfoldedSteps(steps, this.kernelSize),
        channels == null ? null : channels * this.kernelSize,
      ];
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = Array.isArray(inputs) ? must(inputs[0], 'the input of the layer') : inputs;
        const steps = unfoldedSteps(must(x.shape[1], 'the steps axis of the input'), this.kernelSize);
        // Offset i contributes channels i·in … i·in + in − 1, the order of a conv kernel [k, in, f].
        const parts = Array.from({ length: this.kernelSize }, (_, i) =>
          tf.slice(x, [0, i, 0], [-1, steps, -1]),
        );
        return tf.concat(parts, 2);
      });
    }

    override getConfig() {
      return { ...super.getConfig(), kernelSize: this.kernelSize };
    }
  }
  return Unfold1D;
}

function unfoldedSteps(steps: number, kernelSize: number): number {
  if (steps < kernelSize)
    throw new RangeError(`window (${steps}) is shorter than kernelSize (${kernelSize})`);
  return steps - kernelSize + 1;
}
