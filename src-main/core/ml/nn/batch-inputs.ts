// How a network's input tensor is filled for any set of rows: the row itself (dense) or its
// per-source sequence window (conv1d). Training batches and scoring chunks both use this, so
// only a batch at a time lives on the tfjs backend.
import { must } from '../../../../src-shared/must.js';
import { fillWindows, previousRowOfSource } from './sequence-windows.js';
import type { NetData, NetKind } from './types.js';

export interface BatchInputs {
  /** Shape of one row's input, without the batch axis. */
  rowShape: number[];
  fill(rows: ArrayLike<number>, out: Float32Array): void;
}

export function batchInputs(kind: NetKind, data: NetData, window: number): BatchInputs {
  const { x, features } = data;
  if (kind === 'dense') {
    return {
      rowShape: [features],
      fill(rows, out) {
        for (let i = 0; i < rows.length; i++) {
          const r = must(rows[i], 'a row of the batch');
          out.set(x.subarray(r * features, (r + 1) * features), i * features);
        }
      },
    };
  }
  const previous = previousRowOfSource(data.sourceKey);
  return {
    rowShape: [window, features],
    fill: (rows, out) => fillWindows(data, window, previous, rows, out),
  };
}

export function rowSize(inputs: BatchInputs): number {
  return inputs.rowShape.reduce((a, b) => a * b, 1);
}
