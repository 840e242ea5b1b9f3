import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../src-main/core/ml/forest/index.js';
import { activeBackend, trainNetwork } from '../../../src-main/core/ml/nn/index.js';
import { majorityBaseline, sourcePatternData } from './nn-data.js';

// Malicious sources shift feature 0 by 0.8 σ: weak in one row, clear across a source's sessions.
// Test sources are new ones, so the network must learn the pattern, not remember sources.
const train = sourcePatternData(2000, 6, 80, 0.8, 3);
const test = sourcePatternData(1500, 6, 60, 0.8, 4);
const params = { epochs: 10, batchSize: 64, window: 8, kernelSize: 3, filters: 16, hidden: [16], seed: 1 };

// Seconds on an idle machine; generous room for a shared, busy one.
describe('conv1d network', { timeout: 180_000 }, () => {
  it('trains on the default backend (wasm here) and reads the per-source sequence', async () => {
    const conv = await trainNetwork('conv1d', train, params);
    expect(conv.backend).toBe(await activeBackend());
    const dense = await trainNetwork('dense', train, params);
    const convAuc = rocAuc(await conv.predict(test), test.y);
    const denseAuc = rocAuc(await dense.predict(test), test.y);
    expect(rocAuc(majorityBaseline(test.rows), test.y)).toBe(0.5);
    expect(convAuc).toBeGreaterThan(0.85);
    // The row-only dense net sees one noisy session at a time; the sequence is what helps.
    expect(convAuc).toBeGreaterThan(denseAuc + 0.1);
    const { loss } = conv.history;
    expect(loss.at(-1)!).toBeLessThan(loss[0]!);
    conv.dispose();
    dense.dispose();
  });

  it('is reproducible for a seed', async () => {
    const short = { ...params, epochs: 2 };
    const a = await trainNetwork('conv1d', train, short);
    const b = await trainNetwork('conv1d', train, short);
    expect(b.history).toEqual(a.history);
    expect(await b.predict(test)).toEqual(await a.predict(test));
    a.dispose();
    b.dispose();
  });

  it('refuses a kernel longer than the window', async () => {
    await expect(trainNetwork('conv1d', train, { window: 2, kernelSize: 3 })).rejects.toThrow(
      /exceeds window/,
    );
  });
});
