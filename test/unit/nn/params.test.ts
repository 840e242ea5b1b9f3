import { describe, expect, it } from 'vitest';
import { defaultBatchSize, resolveParams } from '../../../src-main/core/ml/nn/params.js';
import { timeOrderedSplit } from '../../../src-main/core/ml/nn/train-loop.js';

describe('network parameters', () => {
  it('sizes the default batch to the training rows, within [32, 512]', () => {
    expect(defaultBatchSize(300)).toBe(32);
    expect(defaultBatchSize(20_000)).toBe(128);
    expect(defaultBatchSize(80_000)).toBe(512);
    expect(defaultBatchSize(5_000_000)).toBe(512);
  });

  it('takes the batch default from the rows left after the validation split', () => {
    expect(resolveParams({}, 100_000).batchSize).toBe(defaultBatchSize(80_000));
    expect(resolveParams({ validationSplit: 0.5 }, 40_000).batchSize).toBe(defaultBatchSize(20_000));
    expect(resolveParams({ batchSize: 7 }, 100_000).batchSize).toBe(7);
  });

  it('refuses values that cannot train', () => {
    expect(() => resolveParams({ dropout: 1 }, 100)).toThrow(/dropout/);
    expect(() => resolveParams({ validationSplit: 1 }, 100)).toThrow(/validationSplit/);
    expect(() => resolveParams({ hidden: [8, 0] }, 100)).toThrow(/hidden units/);
    expect(() => resolveParams({ epochs: 2.5 }, 100)).toThrow(/epochs/);
    expect(() => resolveParams({ learningRate: 0 }, 100)).toThrow(/learningRate/);
  });
});

describe('timeOrderedSplit', () => {
  it('validates on the latest rows, never a random sample', () => {
    const { train, validation } = timeOrderedSplit(10, 0.3);
    expect(Array.from(train)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(validation)).toEqual([7, 8, 9]);
    expect(timeOrderedSplit(10, 0).validation.length).toBe(0);
  });
});
