// A few worker threads that answer the read-only API calls (services/read-service.ts), each with
// its own SQLite connection: WAL lets them read side by side while the main connection writes.
// A call goes to the worker with the fewest calls waiting, unless another worker keeps what it
// needs (read-service.ts `keptKey`); workers start on first use.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { keptKey, READ_OPERATIONS, type ReadOperation, type ReadService } from '../services/read-service.js';
import type { ReadAnswer, ReadRequest, ReadWorkerInput } from './read-protocol.js';
import { startWorker } from './worker-url.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Reader {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Calls this worker has answered (for tests and diagnostics). */
  answered: number;
  /** The key of what this worker keeps for the last filter it was asked (null: nothing). */
  kept: string | null;
}

/** As many readers as cores, between 2 and 4: more only queue for the same cores and cache. */
export function defaultReaders(): number {
  return Math.max(2, Math.min(4, os.availableParallelism()));
}

export class ReadPool {
  private readonly readers: Reader[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly dbPath: string,
    private readonly size = defaultReaders(),
  ) {}

  /** The read calls, each answered by a worker. */
  service(): ReadService {
    const calls = READ_OPERATIONS.map((name) => [name, (args: unknown) => this.send(name, args)]);
    return Object.fromEntries(calls) as ReadService;
  }

  /** Calls answered by each running worker (a worker that ended is no longer listed). */
  answeredByWorker(): number[] {
    return this.readers.map((reader) => reader.answered);
  }

  async close(): Promise<void> {
    this.closed = true;
    const readers = this.readers.splice(0);
    await Promise.all(readers.map((reader) => reader.worker.terminate()));
    for (const reader of readers) this.fail(reader, 'Vigil is closing: the query was stopped.');
  }

  private send(name: ReadOperation, args: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('Vigil is closing: no more queries.'));
    const reader = this.readerFor(name, args);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      reader.pending.set(id, { resolve, reject });
      reader.worker.postMessage({ id, name, args } satisfies ReadRequest);
    });
  }

  private readerFor(name: ReadOperation, args: unknown): Reader {
    const key = keptKey(name, args);
    if (key === null) return this.leastBusy();
    const holder = this.readers.find((reader) => reader.kept === key);
    if (holder) return holder;
    const reader = this.leastBusy();
    reader.kept = key;
    return reader;
  }

  private leastBusy(): Reader {
    const idle = this.readers.find((reader) => reader.pending.size === 0);
    if (idle) return idle;
    if (this.readers.length < this.size) return this.start();
    return this.readers.reduce((best, reader) => (reader.pending.size < best.pending.size ? reader : best));
  }

  private start(): Reader {
    const worker = startWorker('read.worker', import.meta.url, {
      workerData: { dbPath: this.dbPath } satisfies ReadWorkerInput,
    });
    const reader: Reader = { worker, pending: new Map(), answered: 0, kept: null };
    worker.on('message', (answer: ReadAnswer) => {
      const pending = reader.pending.get(answer.id);
      if (!pending) return;
      reader.pending.delete(answer.id);
      reader.answered++;
      if (answer.ok) pending.resolve(answer.value);
      else pending.reject(new Error(answer.error));
    });
    // A worker that fails or ends fails its waiting calls; the next call starts a fresh one.
    worker.on('error', (error) => this.retire(reader, `The query worker failed: ${error.message}`));
    worker.on('exit', (code) => this.retire(reader, `The query worker stopped (exit code ${code}).`));
    this.readers.push(reader);
    return reader;
  }

  private retire(reader: Reader, message: string): void {
    const at = this.readers.indexOf(reader);
    if (at >= 0) this.readers.splice(at, 1);
    this.fail(reader, message);
  }

  private fail(reader: Reader, message: string): void {
    for (const pending of reader.pending.values()) pending.reject(new Error(message));
    reader.pending.clear();
  }
}
