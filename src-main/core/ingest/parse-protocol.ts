import type { EncodedBatch } from './batch-codec.js';
import type { ParseOutcome, ParseRequest } from './parse-file.js';

export type ParseWorkerInput = ParseRequest;

export type ParseWorkerMessage =
  | { type: 'batch'; batch: EncodedBatch }
  | { type: 'done'; outcome: ParseOutcome }
  | { type: 'error'; message: string };

/**
 * The writer grants credits: the parser may have at most this many batches in flight. A credit
 * carries the buffers of the batch just written back, for the parser to reuse.
 */
export type ParseWorkerCommand = { type: 'credit'; spent: ArrayBuffer[] } | { type: 'cancel' };

// Four, not two: the writer pauses about a quarter second whenever it upserts a rollup window, and
// with two batches queued the parser stalled behind each such pause (1 M rows: 6.1 s → 5.6 s). A
// batch is about 1.5 MB, so the extra two cost little memory.
export const BATCHES_IN_FLIGHT = 4;
