import { describe, expect, it } from 'vitest';
import { trainNetwork } from '../../../src-main/core/ml/nn/index.js';
import { nnRuntime } from '../../../src-main/core/ml/nn/runtime.js';
import { rowPatternData, sourcePatternData } from './nn-data.js';

// Seconds on an idle machine; generous room for a shared, busy one.
describe('cancelling training', { timeout: 180_000 }, () => {
  it('stops between epochs when aborted from progress, and frees every tensor', async () => {
    const { tf } = await nnRuntime();
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const epochs: number[] = [];
    const run = trainNetwork(
      'dense',
      rowPatternData(600, 6, 1),
      { epochs: 50, batchSize: 32 },
      {
        signal: controller.signal,
        onEpoch: (e) => {
          epochs.push(e.epoch);
          if (e.epoch === 2) controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops mid-epoch when aborted from outside (the event loop keeps turning)', async () => {
    const controller = new AbortController();
    const epochs: number[] = [];
    // One huge epoch of tiny batches: minutes of work if the abort were not seen between batches.
    const data = sourcePatternData(200_000, 6, 500, 0.8, 1);
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    const run = trainNetwork(
      'conv1d',
      data,
      { epochs: 1, batchSize: 8 },
      { signal: controller.signal, onEpoch: (e) => epochs.push(e.epoch) },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(epochs).toEqual([]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('does not start when the signal is already aborted', async () => {
    await expect(
      trainNetwork('dense', rowPatternData(100, 3, 1), {}, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
