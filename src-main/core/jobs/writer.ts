// The main side of the writer thread (write.worker.ts): one worker with its own SQLite connection
// that runs every call writing to the database, so the main thread (the Electron main process, or
// serve mode's HTTP server) never runs a long write nor waits for the write lock. better-sqlite3
// is synchronous: on this thread a verdict on 500 000 sessions, or a write waiting up to the busy
// timeout while an import builds its indexes, would freeze the window (bench/main-thread.mjs).
// One thread, not a pool: SQLite has one writer, so more would only wait on each other's locks.
import type { Worker } from 'node:worker_threads';
import type { VigilEvent } from '../../../src-shared/api.js';
import { chromiumPrintToPdf, type PrintToPdf } from '../reports/pdf.js';
import { JOB_STORE_CALLS, type JobStore } from '../services/job-store.js';
import { WRITE_OPERATIONS, type WriteService } from '../services/write-service.js';
import { StaleEditError } from '../triage/case-stale-edit.js';
import { startWorker } from './worker-url.js';
import type { FromWriter, ToWriter, WriterCall, WriteWorkerInput } from './write-protocol.js';

export interface WriterOptions {
  dbPath: string;
  /** Who signs the core's changes instead of the analyst setting (the CLI's --analyst). */
  analyst?: string;
  /** Where the events the writes emit (data changed) go: the core's EventEmitter. */
  onEvent(event: VigilEvent): void;
  /** How this side prints report PDFs: the Electron app's webContents; default headless Chromium. */
  printToPdf?: PrintToPdf;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  exited: Promise<void>;
}

export class Writer {
  private thread: Thread | null = null;
  private readonly pending = new Map<number, Pending>();
  /** Every call not yet answered, for close to wait on. */
  private readonly underWay = new Set<Promise<unknown>>();
  private nextId = 1;
  private closed = false;
  /** Calls the writer thread has answered (for tests and diagnostics). */
  answered = 0;

  constructor(private readonly options: WriterOptions) {}

  /** The write calls, each answered by the writer thread. */
  service(): WriteService {
    return this.proxy(WRITE_OPERATIONS) as WriteService;
  }

  /** The job control's database calls, answered by the writer thread. */
  store(): JobStore {
    return this.proxy(JOB_STORE_CALLS) as unknown as JobStore;
  }

  /** Lets the calls under way finish (a verdict asked for is written), then closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.underWay]);
    const thread = this.thread;
    if (!thread) return;
    thread.worker.postMessage({ type: 'close' } satisfies ToWriter);
    await thread.exited;
  }

  private proxy(names: readonly WriterCall[]): Record<string, (args: unknown) => Promise<unknown>> {
    return Object.fromEntries(names.map((name) => [name, (args: unknown) => this.send(name, args)]));
  }

  private send(name: WriterCall, args: unknown): Promise<unknown> {
    if (this.closed)
      return Promise.reject(new Error('Vigil is closing: the database is not open to new calls.'));
    const { worker } = this.thread ?? this.start();
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, name, args } satisfies ToWriter);
    });
    const forget = () => this.underWay.delete(answer);
    this.underWay.add(answer);
    answer.then(forget, forget);
    return answer;
  }

  private start(): Thread {
    const input: WriteWorkerInput = { dbPath: this.options.dbPath, analyst: this.options.analyst };
    const worker = startWorker('write.worker', import.meta.url, { workerData: input });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const thread = { worker, exited };
    worker.on('message', (message: FromWriter) => this.receive(worker, message));
    // A thread that fails or ends fails its waiting calls; the next call starts a fresh one.
    worker.on('error', (error) => this.retire(thread, `The writer thread failed: ${error.message}`));
    worker.on('exit', (code) => this.retire(thread, `The writer thread stopped (exit code ${code}).`));
    this.thread = thread;
    return thread;
  }

  private receive(worker: Worker, message: FromWriter): void {
    switch (message.type) {
      case 'event':
        this.options.onEvent(message.event);
        break;
      case 'print':
        this.print(worker, message.id, message.html, this.options.printToPdf ?? chromiumPrintToPdf);
        break;
      case 'answer': {
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        this.answered++;
        if (message.ok) call.resolve(message.value);
        else call.reject(message.stale ? new StaleEditError(message.error) : new Error(message.error));
        break;
      }
    }
  }

  private print(worker: Worker, id: number, html: string, printToPdf: PrintToPdf): void {
    const answer = (message: ToWriter) => worker.postMessage(message);
    Promise.resolve()
      .then(() => printToPdf(html))
      .then(
        (pdf) => answer({ type: 'printed', id, ok: true, pdf }),
        (error: unknown) => answer({ type: 'printed', id, ok: false, error: messageOf(error) }),
      );
  }

  private retire(thread: Thread, message: string): void {
    if (this.thread === thread) this.thread = null;
    for (const call of this.pending.values()) call.reject(new Error(message));
    this.pending.clear();
  }
}
