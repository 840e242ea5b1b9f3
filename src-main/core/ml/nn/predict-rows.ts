// Scoring in chunks, so a million rows never sit on the backend as one tensor.
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import { type BatchInputs, rowSize } from './batch-inputs.js';

const CHUNK_ROWS = 8192;

/** P(class 1) for each of `rows`, in order; with `outputs` K > 1, each row's K probabilities. */
export async function predictRows(
  tf: Tf,
  model: LayersModel,
  inputs: BatchInputs,
  rows: Int32Array,
  outputs = 1,
): Promise<Float32Array> {
  const out = new Float32Array(rows.length * outputs);
  const size = rowSize(inputs);
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.subarray(start, Math.min(start + CHUNK_ROWS, rows.length));
    const values = new Float32Array(chunk.length * size);
    inputs.fill(chunk, values);
    const x = tf.tensor(values, [chunk.length, ...inputs.rowShape]);
    const p = model.predict(x) as Tensor;
    out.set((await p.data()) as Float32Array, start * outputs);
    tf.dispose([x, p]);
  }
  return out;
}

export function allRows(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, r) => r);
}
