import { describe, expect, it } from 'vitest';
import { loadNetwork, type NetKind, trainNetwork } from '../../../src-main/core/ml/nn/index.js';
import { sourcePatternData } from './nn-data.js';

const data = sourcePatternData(600, 5, 40, 0.8, 5);
const other = sourcePatternData(300, 5, 20, 0.8, 6);

// Seconds on an idle machine; generous room for a shared, busy one.
describe('serialize / loadNetwork', { timeout: 180_000 }, () => {
  for (const kind of ['dense', 'conv1d'] as NetKind[]) {
    it(`round-trips a ${kind} network to identical predictions`, async () => {
      const net = await trainNetwork(kind, data, {
        epochs: 2,
        batchSize: 32,
        window: 4,
        kernelSize: 2,
        seed: 2,
      });
      const bytes = await net.serialize();
      expect(bytes).toBeInstanceOf(Uint8Array);
      const loaded = await loadNetwork(kind, bytes);
      const expected = await net.predict(other);
      expect(await loaded.predict(other)).toEqual(expected);
      // The predictions are real scores, not a constant that would match trivially.
      expect(Math.max(...expected) - Math.min(...expected)).toBeGreaterThan(1e-3);
      // Serialising the loaded network gives the same bytes again.
      expect(await loaded.serialize()).toEqual(bytes);
      net.dispose();
      loaded.dispose();
    });
  }

  it('refuses bytes of the other kind, or that are not a network', async () => {
    const net = await trainNetwork('dense', data, { epochs: 1, seed: 2 });
    const bytes = await net.serialize();
    await expect(loadNetwork('conv1d', bytes)).rejects.toThrow(/dense model, not conv1d/);
    await expect(loadNetwork('dense', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).rejects.toThrow(/bad magic/);
    await expect(loadNetwork('dense', bytes.subarray(0, 20))).rejects.toThrow(/truncated/);
    net.dispose();
  });

  it('refuses data with a different number of features', async () => {
    const net = await trainNetwork('dense', data, { epochs: 1, seed: 2 });
    const narrow = sourcePatternData(10, 4, 2, 0.8, 7);
    await expect(net.predict(narrow)).rejects.toThrow(/takes 5 features, the data has 4/);
    net.dispose();
  });
});
