// Dropout whose masks come from the run's seed. tf.layers.dropout takes a seed but reuses it on
// every call, so each batch would drop the same units; here every training call gets the next
// seed of a stream, which keeps runs reproducible and masks varied.

import type { Tensor } from '@tensorflow/tfjs';
import { must } from '../../../../src-shared/must.js';
import { deriveSeed } from '../forest/random.js';
import type { Tf } from './backend.js';

type LayerArgs = NonNullable<ConstructorParameters<Tf['layers']['Layer']>[0]>;

export const SEEDED_DROPOUT_CLASS = 'VigilSeededDropout';

export interface SeededDropoutArgs extends LayerArgs {
  rate: number;
  seed: number;
}

export function seededDropoutLayerClass(tf: Tf) {
  class SeededDropout extends tf.layers.Layer {
    static readonly className = SEEDED_DROPOUT_CLASS;
    readonly rate: number;
    readonly seed: number;
    private calls = 0;

    constructor(args: SeededDropoutArgs) {
      super(args);
      this.rate = args.rate;
      this.seed = args.seed;
    }

    override call(inputs: Tensor | Tensor[], kwargs: { training?: boolean }): Tensor {
      const x = Array.isArray(inputs) ? must(inputs[0], 'the input of the layer') : inputs;
      if (!kwargs.training || this.rate <= 0) return x;
      return tf.dropout(x, this.rate, undefined, deriveSeed(this.seed, this.calls++));
    }

    override getConfig() {
      return { ...super.getConfig(), rate: this.rate, seed: this.seed };
    }
  }
  return SeededDropout;
}
