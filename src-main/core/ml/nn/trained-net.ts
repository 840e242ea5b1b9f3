// Wraps a tfjs model as the plain-data TrainedNet the rest of Vigil uses.

import type { LayersModel } from '@tensorflow/tfjs';
import { must } from '../../../../src-shared/must.js';
import { batchInputs } from './batch-inputs.js';
import { allRows, predictRows } from './predict-rows.js';
import type { NnRuntime } from './runtime.js';
import { checkData } from './sequence-windows.js';
import { serializeModel } from './serialize.js';
import type { NetKind, TrainedNet } from './types.js';

export function wrapModel(
  rt: NnRuntime,
  kind: NetKind,
  model: LayersModel,
  history: TrainedNet['history'],
): TrainedNet {
  // The window is part of the topology, so a loaded model knows it without extra metadata.
  const input = must(model.inputs[0], 'the input of the model');
  const window = kind === 'conv1d' ? (input.shape[1] as number) : 1;
  const features = input.shape.at(-1) as number;
  // A softmax head of K units is a threat-type network; one sigmoid unit answers malicious or not.
  const outputs = (must(model.outputs[0], 'the output of the model').shape.at(-1) as number) ?? 1;
  return {
    backend: rt.backend,
    history,
    ...(outputs > 1 ? { classes: outputs } : {}),
    async predict(data, rows) {
      checkData(data);
      if (data.features !== features) {
        throw new RangeError(`the network takes ${features} features, the data has ${data.features}`);
      }
      return predictRows(rt.tf, model, batchInputs(kind, data, window), rows ?? allRows(data.rows), outputs);
    },
    serialize: () => serializeModel(rt.tf, kind, model),
    dispose: () => model.dispose(),
  };
}
