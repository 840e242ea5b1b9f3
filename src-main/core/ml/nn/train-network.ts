// Entry points: train a dense or Conv1D network on labelled rows, or load a saved one.
import { batchInputs } from './batch-inputs.js';
import { buildModel } from './build-models.js';
import { resolveParams } from './params.js';
import { nnRuntime } from './runtime.js';
import { checkData } from './sequence-windows.js';
import { deserializeModel } from './serialize.js';
import { timeOrderedSplit, trainLoop } from './train-loop.js';
import { wrapModel } from './trained-net.js';
import type { LabelledNetData, NetKind, NetParams, TrainedNet, TrainOptions } from './types.js';

export async function trainNetwork(
  kind: NetKind,
  data: LabelledNetData,
  params: NetParams,
  options: TrainOptions = {},
): Promise<TrainedNet> {
  checkData(data);
  if (data.y.length !== data.rows)
    throw new RangeError(`y has ${data.y.length} labels for ${data.rows} rows`);
  const p = resolveParams(params, data.rows);
  const split = timeOrderedSplit(data.rows, p.validationSplit);
  const rt = await nnRuntime();
  options.signal?.throwIfAborted();
  const model = buildModel(rt, kind, data.features, p, data.classes);
  try {
    const inputs = batchInputs(kind, data, p.window);
    const history = await trainLoop(rt, model, inputs, data.y, split, p, options, data.classes);
    return wrapModel(rt, kind, model, history);
  } catch (error) {
    // A cancelled or failed run leaves nothing allocated on the backend.
    model.dispose();
    throw error;
  }
}

export async function loadNetwork(kind: NetKind, bytes: Uint8Array): Promise<TrainedNet> {
  const rt = await nnRuntime();
  const model = await deserializeModel(rt.tf, kind, bytes);
  // The loss curves are not in the bytes: the registry keeps them with the run's metrics.
  return wrapModel(rt, kind, model, { loss: [], valLoss: [] });
}
