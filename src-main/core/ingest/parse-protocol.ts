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

// Six: the writer pauses whenever it upserts a rollup window, and with too few batches queued the
// parser stalled behind each such pause (1 M rows, when a pause was a quarter second: two 6.1 s,
// four 5.4 s, eight 5.1 s). The per-client sums now stay in the writer's memory (client-cells.ts)
// and the pauses are shorter: on the generated 1 M-line access log (the writer the slower thread),
// alternating runs on a loaded machine took as long with six as with eight, and longer with four
// (wall +1.7 to +3.7 s in each of three rounds). A batch's arrays are about 2.5 MB (batch-codec.ts).
export const BATCHES_IN_FLIGHT = 6;
