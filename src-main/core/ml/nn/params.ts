// Defaults for every network parameter, and checks that refuse values that cannot train.
import type { NetParams } from './types.js';

export type ResolvedParams = Required<NetParams>;

/** Every default but batchSize, which follows the data's size (see defaultBatchSize). */
export const DEFAULT_PARAMS: Omit<ResolvedParams, 'batchSize'> = {
  epochs: 30,
  learningRate: 1e-3,
  hidden: [64, 32],
  dropout: 0.2,
  window: 8,
  filters: 32,
  kernelSize: 3,
  validationSplit: 0.2,
  patience: 5,
  seed: 42,
};

/**
 * A power of two near trainRows / 128, within [32, 512]: small labelled sets (a few hundred
 * analyst verdicts) still get dozens of steps per epoch, while on large sets each step does
 * enough arithmetic that tfjs's fixed per-op cost stops dominating (wasm runs an epoch on 100 k
 * rows about 1.5× faster at 512 than at 256).
 */
export function defaultBatchSize(trainRows: number): number {
  const target = 2 ** Math.round(Math.log2(Math.max(trainRows, 1) / 128));
  return Math.min(512, Math.max(32, target));
}

/** Fills defaults and checks values; `rows` is the whole data set, validation part included. */
export function resolveParams(params: NetParams, rows: number): ResolvedParams {
  const p: ResolvedParams = { ...DEFAULT_PARAMS, batchSize: 0 };
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) (p as Record<string, unknown>)[key] = value;
  }
  if (!(p.validationSplit >= 0 && p.validationSplit < 1))
    throw new RangeError('validationSplit must be in [0, 1)');
  if (params.batchSize === undefined)
    p.batchSize = defaultBatchSize(rows - Math.floor(rows * p.validationSplit));
  positiveInteger('epochs', p.epochs);
  positiveInteger('batchSize', p.batchSize);
  positiveInteger('window', p.window);
  positiveInteger('filters', p.filters);
  positiveInteger('kernelSize', p.kernelSize);
  if (!(p.patience >= 0 && Number.isInteger(p.patience)))
    throw new RangeError('patience must be an integer ≥ 0');
  for (const units of p.hidden) positiveInteger('hidden units', units);
  if (!(p.learningRate > 0)) throw new RangeError('learningRate must be > 0');
  if (!(p.dropout >= 0 && p.dropout < 1)) throw new RangeError('dropout must be in [0, 1)');
  if (!Number.isInteger(p.seed)) throw new RangeError('seed must be an integer');
  return p;
}

function positiveInteger(name: string, value: number): void {
  if (!(Number.isInteger(value) && value > 0))
    throw new RangeError(`${name} must be a positive integer (got ${value})`);
}
