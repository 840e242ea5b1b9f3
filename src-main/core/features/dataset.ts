// Feature passes over the whole database: all rows at once for training, or batch by batch for
// scoring. Between batches the pass yields to the event loop, so a worker sees its cancel
// message, and reports how many rows it has read.
import { featureRows, type LabelRead } from '../db/feature-rows.js';
import type { Db } from '../db/open.js';
import { concatBatches, type Labeler, type RawData, rawBatches } from './raw-data.js';
import { type FeatureSchema, transform } from './schema.js';

export interface PassOptions {
  windowMs: number;
  /** What the labeler reads (null: none). */
  labelRead?: LabelRead | null;
  labeler?: Labeler;
  /** Read the sessions' detection-rule hits as features (off when the labels come from them). */
  ruleHits?: boolean;
  batchRows?: number;
  signal?: AbortSignal;
  onRows?: (rows: number) => void;
}

const BATCH_ROWS = 50_000;

export const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

async function* pass(db: Db, options: PassOptions): AsyncGenerator<RawData> {
  let rows = 0;
  const source = featureRows(db, options.labelRead ?? null, { ruleHits: options.ruleHits });
  try {
    for (const batch of rawBatches(source, {
      windowMs: options.windowMs,
      batchRows: options.batchRows ?? BATCH_ROWS,
      labeler: options.labeler,
    })) {
      rows += batch.rows;
      options.onRows?.(rows);
      yield batch;
      await yieldToEvents();
      options.signal?.throwIfAborted();
    }
  } finally {
    source.return?.();
  }
}

/** Every session's raw features (training). */
export async function loadRawData(db: Db, options: PassOptions): Promise<RawData> {
  const batches: RawData[] = [];
  for await (const batch of pass(db, options)) batches.push(batch);
  return concatBatches(batches);
}

/** Sessions in batches, transformed by a fitted schema (scoring). */
export async function* featureBatches(
  db: Db,
  schema: FeatureSchema,
  options: Omit<PassOptions, 'windowMs'>,
): AsyncGenerator<{ raw: RawData; matrix: Float32Array }> {
  const ruleHits = schema.ruleHits === true;
  for await (const raw of pass(db, { ...options, windowMs: schema.windowMs, ruleHits })) {
    yield { raw, matrix: transform(raw, schema) };
  }
}
