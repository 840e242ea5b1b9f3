import { Worker } from 'node:worker_threads';
import { workerEntry } from '../jobs/worker-url.js';
import type { EncodedBatch } from './batch-codec.js';
import { type ParseOutcome, type ParseRequest, parseFile } from './parse-file.js';
import type { ParseWorkerMessage } from './parse-protocol.js';

// Below this size a worker's start-up (tens of ms) costs more than parsing on this thread.
const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

/**
 * Runs the parser for one file and hands each batch to `write` (synchronous, on this thread).
 * Large files are parsed on a worker thread so parsing and SQLite writes use both cores.
 */
export function runParser(
  request: ParseRequest,
  sizeBytes: number,
  write: (batch: EncodedBatch) => void,
  signal?: AbortSignal,
): Promise<ParseOutcome> {
  if (sizeBytes < WORKER_THRESHOLD_BYTES) return parseFile(request, write, () => signal?.aborted ?? false);
  return new Promise((resolve, reject) => {
    const entry = workerEntry('parse.worker', import.meta.url);
    const worker = new Worker(entry.url, { ...entry.options, workerData: request });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      worker.postMessage({ type: 'cancel' });
      void worker.terminate();
      settle(() => reject(new Error('cancelled')));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: ParseWorkerMessage) => {
      if (settled) return;
      if (message.type === 'batch') {
        try {
          write(message.batch);
          worker.postMessage({ type: 'credit' });
        } catch (error) {
          void worker.terminate();
          settle(() => reject(error));
        }
      } else if (message.type === 'done') {
        settle(() => resolve(message.outcome));
      } else {
        settle(() => reject(new Error(message.message)));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`Parser stopped unexpectedly (exit ${code})`))),
    );
  });
}
