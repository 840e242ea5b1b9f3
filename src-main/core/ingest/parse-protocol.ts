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

// Eight: the writer pauses about a quarter second whenever it upserts a rollup window, which is
// about eight batches of parsing. With fewer queued, the parser, now the slower thread, stalled
// behind each such pause (1 M rows: two 6.1 s, four 5.4 s, eight 5.1 s). A batch is about 1.3 MB.
export const BATCHES_IN_FLIGHT = 8;
