// tfjs with its backend chosen and our custom layers registered, so models can be built and
// deserialised. One per thread, created on first use.
import { loadTf, type TfRuntime } from './backend.js';
import { seededDropoutLayerClass } from './seeded-dropout-layer.js';
import { unfoldLayerClass } from './unfold-layer.js';

export interface NnRuntime extends TfRuntime {
  Unfold1D: ReturnType<typeof unfoldLayerClass>;
  SeededDropout: ReturnType<typeof seededDropoutLayerClass>;
}

let runtime: Promise<NnRuntime> | undefined;

export function nnRuntime(): Promise<NnRuntime> {
  runtime ??= loadTf().then((base) => {
    const Unfold1D = unfoldLayerClass(base.tf);
    const SeededDropout = seededDropoutLayerClass(base.tf);
    // Registration lets tf.loadLayersModel rebuild these layers from a saved topology.
    base.tf.serialization.registerClass(Unfold1D);
    base.tf.serialization.registerClass(SeededDropout);
    return { ...base, Unfold1D, SeededDropout };
  });
  return runtime;
}
