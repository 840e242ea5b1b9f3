import { startWorker } from '../jobs/worker-url.js';
import { type EncodedBatch, transferList } from './batch-codec.js';
import { type ParseOutcome, type ParseRequest, parseFile } from './parse-file.js';
import type { ParseWorkerCommand, ParseWorkerMessage } from './parse-protocol.js';

export type ParserPlacement = 'auto' | 'inline' | 'worker';

// Below this size a worker's start-up (tens of ms) costs more than parsing on this thread.
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;
// The parser's live heap is tens of MB and bounded whatever the file: its string dictionary
// (string-codes.ts, 8 M characters), value caches (value-cache.ts, 4 MB of text each), the rollup
// window's texts, the quarantined lines of one batch (parse-file.ts) and a batch being coded.
// 256 MB is several times that, and is where V8 64-bit lets a heap grow least past its live size
// before collecting (a larger maximum lets garbage grow up to four times the live heap).
export const PARSER_HEAP_MB = 256;

/**
 * Runs the parser for one file and hands each batch to `write` (synchronous, on this thread).
 * Large files are parsed on a worker thread so parsing and SQLite writes use both cores.
 */
export function runParser(
  request: ParseRequest,
  sizeBytes: number,
  write: (batch: EncodedBatch) => void,
  signal?: AbortSignal,
  where: ParserPlacement = 'auto',
): Promise<ParseOutcome> {
  const inline = where === 'inline' || (where === 'auto' && sizeBytes < WORKER_THRESHOLD_BYTES);
  if (inline) return parseFile(request, write, () => signal?.aborted ?? false);
  return new Promise((resolve, reject) => {
    // A small young generation keeps peak RSS about 50 MB lower at no measurable cost in speed.
    // An old-generation limit, even a generous one, makes V8 collect sooner: it derives how far a
    // heap may grow past its live size before a full collection from the heap's maximum, and a
    // worker given none gets one from the machine's memory (gigabytes), so the parser's garbage
    // (the 1 MB chunks' strings, the rows) piled up to twice its live heap and glibc kept the
    // freed memory in the thread's arena (varied 1 M-line log: peak RSS 375–406 → 314–330 MB).
    const worker = startWorker('parse.worker', import.meta.url, {
      workerData: request,
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: PARSER_HEAP_MB },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'cancel' });
      settle(() => reject(new Error('cancelled')));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // Batches are written one per event-loop turn: writing inside the message handler would let a
    // busy port starve every other event, such as the cancel request from the job runner.
    const pending: EncodedBatch[] = [];
    let outcome: ParseOutcome | null = null;
    let scheduled = false;
    const pump = () => {
      scheduled = false;
      if (settled) return;
      const batch = pending.shift();
      if (batch) {
        try {
          write(batch);
          const spent = transferList(batch);
          worker.postMessage({ type: 'credit', spent } satisfies ParseWorkerCommand, spent);
        } catch (error) {
          settle(() => reject(error));
          return;
        }
      }
      if (pending.length > 0) schedule();
      else if (outcome) {
        const done = outcome;
        settle(() => resolve(done));
      }
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(pump);
    };
    worker.on('message', (message: ParseWorkerMessage) => {
      if (settled) return;
      if (message.type === 'error') {
        settle(() => reject(new Error(message.message)));
        return;
      }
      if (message.type === 'batch') pending.push(message.batch);
      else outcome = message.outcome;
      schedule();
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`Parser stopped unexpectedly (exit ${code})`))),
    );
  });
}
