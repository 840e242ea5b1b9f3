// A network's "why flagged" (core/ml/models/net-detectors.ts): each feature of a flagged row set to
// its training mean in turn, the drop in the probability its push. For Conv1D a probe carries the
// row's preceding sessions as context; only the probes themselves are predicted.
import { describe, expect, it } from 'vitest';
import { explainByPerturbation } from '../../../src-main/core/ml/models/net-detectors.js';
import type { NetData, TrainedNet } from '../../../src-main/core/ml/nn/types.js';

/**
 * A stand-in network whose probability of a row is the sum of its window's values (the row and
 * its source's preceding rows, `window` in all), so the expected contributions are known; it
 * records how many rows it was asked to predict.
 */
function windowSumNet(window: number): TrainedNet & { predicted: number } {
  const net = {
    backend: 'cpu' as const,
    history: { loss: [], valLoss: [] },
    predicted: 0,
    async predict(data: NetData, rows?: Int32Array) {
      const wanted = rows ?? Int32Array.from({ length: data.rows }, (_, r) => r);
      net.predicted += wanted.length;
      return Float32Array.from(wanted, (row) => {
        let sum = 0;
        let seen = 0;
        for (let r = row; r >= 0 && seen < window; r--) {
          if (data.sourceKey[r] !== data.sourceKey[row]) continue;
          for (let j = 0; j < data.features; j++) sum += data.x[r * data.features + j] ?? 0;
          seen++;
        }
        return sum;
      });
    },
    serialize: async () => new Uint8Array(),
    dispose: () => {},
  };
  return net;
}

describe('network explanations by perturbation', () => {
  // Two sources interleaved, three features: row r holds r + 1, (r + 1) × 10, 0.5.
  const rows = 12;
  const features = 3;
  const x = Float32Array.from({ length: rows * features }, (_, i) => {
    const r = Math.floor(i / features);
    return [r + 1, (r + 1) * 10, 0.5][i % features] ?? 0;
  });
  const data = { x, rows, features, sourceKey: Int32Array.from({ length: rows }, (_, r) => r % 2) };

  it('gives each feature of the row its own push, with the source context kept', async () => {
    const net = windowSumNet(4);
    const [late, first] = await explainByPerturbation(net, 3, data, [10, 1]);
    // Zeroing one feature of the row itself drops the window's sum by that value: the context's
    // rows (8, 6, 4 of source 0) are unchanged in each probe.
    expect(Array.from(late ?? [])).toEqual([11, 110, 0.5]);
    expect(Array.from(first ?? [])).toEqual([2, 20, 0.5]);
  });

  it('predicts only the probes, not their context rows', async () => {
    const net = windowSumNet(4);
    await explainByPerturbation(net, 3, data, [10, 11, 9]);
    // One probe per feature and one unperturbed, per explained row; their three context rows each
    // are read in the windows, not predicted (that cost four times the work here).
    expect(net.predicted).toBe(3 * (features + 1));
  });
});
