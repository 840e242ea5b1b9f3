import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../src-main/core/ml/forest/index.js';
import { balancedClassWeights, weightedLogLoss } from '../../../src-main/core/ml/nn/class-weights.js';
import { type EpochProgress, trainNetwork } from '../../../src-main/core/ml/nn/index.js';
import { timeOrderedSplit } from '../../../src-main/core/ml/nn/train-loop.js';
import { majorityBaseline, rowPatternData } from './nn-data.js';

const params = { epochs: 10, batchSize: 64, hidden: [32, 16], seed: 7 };
const train = rowPatternData(2000, 6, 1);
const test = rowPatternData(800, 6, 2);

// Seconds on an idle machine; generous room for a shared, busy one.
describe('dense network', { timeout: 180_000 }, () => {
  it('learns a non-linear row pattern far above the majority baseline, with falling loss', async () => {
    const progress: EpochProgress[] = [];
    const batches: { epoch: number; rowsDone: number; rows: number }[] = [];
    const net = await trainNetwork('dense', train, params, {
      onEpoch: (e) => progress.push(e),
      onBatch: (b) => batches.push(b),
    });
    const auc = rocAuc(await net.predict(test), test.y);
    const baseline = rocAuc(majorityBaseline(test.rows), test.y);
    expect(baseline).toBe(0.5);
    expect(auc).toBeGreaterThan(0.95);
    const { loss, valLoss } = net.history;
    expect(loss.length).toBeGreaterThan(2);
    expect(loss.at(-1)!).toBeLessThan(loss[0]! * 0.6);
    expect(Math.min(...valLoss)).toBeLessThan(valLoss[0]!);
    // onEpoch saw every epoch that ran, with its losses.
    expect(progress.map((e) => e.epoch)).toEqual(loss.map((_, i) => i + 1));
    expect(progress.at(-1)).toMatchObject({ epochs: 10, loss: loss.at(-1), valLoss: valLoss.at(-1) });
    // onBatch within each epoch: rows done climb in batch steps to all the epoch's rows.
    const first = batches.filter((b) => b.epoch === 1);
    expect(first.length).toBe(Math.ceil(first[0]!.rows / 64));
    expect(first.map((b) => b.rowsDone)).toEqual(first.map((_, i) => Math.min((i + 1) * 64, first[0]!.rows)));
    expect(new Set(batches.map((b) => b.epoch)).size).toBe(loss.length);
    net.dispose();
  });

  it('gives identical runs for the same seed and different ones for another seed', async () => {
    const small = { ...params, epochs: 3 };
    const [a, b, c] = [
      await trainNetwork('dense', train, small),
      await trainNetwork('dense', train, small),
      await trainNetwork('dense', train, { ...small, seed: 8 }),
    ];
    expect(b.history).toEqual(a.history);
    expect(await b.predict(test)).toEqual(await a.predict(test));
    expect(c.history.loss).not.toEqual(a.history.loss);
    for (const net of [a, b, c]) net.dispose();
  });

  it('stops early when the validation loss stops improving, keeping the best epoch', async () => {
    // A tiny, noisy training set overfits quickly; patience 2 must end the run long before 200.
    const noisy = rowPatternData(300, 6, 3);
    for (let r = 0; r < noisy.rows; r += 3) noisy.y[r] = 1 - noisy.y[r]!;
    const net = await trainNetwork('dense', noisy, { ...params, epochs: 200, batchSize: 32, patience: 2 });
    const { valLoss } = net.history;
    expect(valLoss.length).toBeLessThan(200);
    // It stopped once two epochs in a row failed to beat the best one…
    const bestLoss = Math.min(...valLoss);
    expect(valLoss.length - 1 - valLoss.indexOf(bestLoss)).toBe(2);
    // …and the network it returns is that best epoch's, not the last one's.
    const { train: trainRows, validation } = timeOrderedSplit(noisy.rows, 0.2);
    const scores = await net.predict(noisy);
    const weights = balancedClassWeights(noisy.y, trainRows);
    const returnedLoss = weightedLogLoss(scores.subarray(validation[0]!), noisy.y, validation, weights);
    expect(returnedLoss).toBeCloseTo(bestLoss, 6);
    expect(returnedLoss).toBeLessThan(valLoss.at(-1)!);
    net.dispose();
  });

  it('refuses labels with a single class, saying why', async () => {
    const oneClass = { ...train, y: new Uint8Array(train.rows) };
    await expect(trainNetwork('dense', oneClass, params)).rejects.toThrow(/only one class/);
  });
});
