// Weights in the registry format, and forests fitted in chunks (for progress and cancel).
import { describe, expect, it } from 'vitest';
import {
  deriveSeed,
  fitIsolationForest,
  meanPathLengths,
  Rng,
} from '../../../src-main/core/ml/forest/index.js';
import { packWeights, unpackWeights } from '../../../src-main/core/ml/models/codec.js';
import { fitIsolationForestInChunks } from '../../../src-main/core/ml/models/forest-chunks.js';
import { KINDS } from '../../../src-main/core/ml/models/kinds.js';

function matrix(rows: number, cols: number, seed = 1) {
  const rng = new Rng(seed);
  const data = Float32Array.from({ length: rows * cols }, () => rng.normal());
  // A few far-away rows: the anomalies, and a label that depends on column 0.
  for (let r = 0; r < rows; r += 50) data[r * cols] = 8;
  const y = Uint8Array.from({ length: rows }, (_, r) => (data[r * cols]! > 1 ? 1 : 0));
  return { x: data, data, rows, cols, features: cols, sourceKey: new Int32Array(rows), y };
}

describe('weights codec', () => {
  it('round-trips typed arrays and metadata, whatever the blob offset', () => {
    const blob = packWeights(
      { kind: 'x', n: 3 },
      { a: Int32Array.from([1, -2, 3]), b: Float32Array.from([0.5]), c: Float64Array.from([Math.PI]) },
    );
    // Stored blobs come back at arbitrary offsets in a bigger buffer.
    const shifted = new Uint8Array(blob.length + 3);
    shifted.set(blob, 3);
    const { meta, arrays } = unpackWeights(shifted.subarray(3));
    expect(meta).toEqual({ kind: 'x', n: 3 });
    expect(Array.from(arrays.a!)).toEqual([1, -2, 3]);
    expect(arrays.b).toBeInstanceOf(Float32Array);
    expect(arrays.c![0]).toBe(Math.PI);
  });

  it('rejects bytes that are not a model', () => {
    expect(() => unpackWeights(new Uint8Array(16))).toThrow(/not a Vigil model/);
  });
});

describe('forests fitted in chunks', () => {
  it('join into one forest that scores as its chunks do, tree for tree', async () => {
    const m = matrix(600, 4);
    const progress: number[] = [];
    const joined = await fitIsolationForestInChunks(
      m,
      { nEstimators: 25, seed: 5 },
      {
        onTrees: async (built) => void progress.push(built),
      },
    );
    expect(progress).toEqual([10, 20, 25]);
    expect(joined.arrays.roots.length).toBe(25);
    // The same chunks fitted on their own (chunk c has seed deriveSeed(5, c)): the joined forest's
    // mean path length is their tree-weighted mean.
    const chunks = [10, 10, 5].map((n, c) =>
      fitIsolationForest(m, { nEstimators: n, seed: deriveSeed(5, c) }),
    );
    const expected = chunks.map((c) => meanPathLengths(c, m));
    const own = meanPathLengths(joined, m);
    for (const r of [0, 1, 2, 299]) {
      const weighted = (expected[0]![r]! * 10 + expected[1]![r]! * 10 + expected[2]![r]! * 5) / 25;
      expect(own[r]).toBeCloseTo(weighted, 9);
    }
    // The same seed gives the same model.
    const again = await fitIsolationForestInChunks(m, { nEstimators: 25, seed: 5 }, {});
    expect(Array.from(meanPathLengths(again, m))).toEqual(Array.from(own));
  });

  it('stop at a cancel between chunks', async () => {
    const abort = new AbortController();
    const run = fitIsolationForestInChunks(
      matrix(300, 3),
      { nEstimators: 1000, seed: 1 },
      {
        signal: abort.signal,
        onTrees: async (built) => {
          if (built >= 1) abort.abort();
        },
      },
    );
    await expect(run).rejects.toThrow(/abort/i);
  });
});

describe('detectors round-trip through their weights', () => {
  for (const kind of ['iforest', 'rf', 'dense', 'conv1d'] as const) {
    it(`${kind}: identical scores and explanations after pack and load`, async () => {
      const m = matrix(800, 5, 9);
      const trained = await KINDS[kind].train(m, { trees: 30, epochs: 2, seed: 2 }, {});
      const loaded = await KINDS[kind].load(await trained.weights());
      expect(Array.from(await loaded.score(m))).toEqual(Array.from(await trained.score(m)));
      expect(await loaded.explain(m, [0, 1])).toEqual(await trained.explain(m, [0, 1]));
      trained.dispose();
      loaded.dispose();
    });
  }
});
