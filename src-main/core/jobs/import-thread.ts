// The import worker thread of a database: started when a file is to be imported, it runs one file
// at a time and stays a few seconds after each, so the chunks of a pull (and a batch of files) are
// imported by one thread with one open database instead of starting both again for each one.
import type { Worker } from 'node:worker_threads';
import type {
  ImportWorkerCommand,
  ImportWorkerFile,
  ImportWorkerMessage,
  ImportWorkerSetup,
} from './import-protocol.js';
import { startWorker } from './worker-url.js';

/**
 * The writer's live heap is a few tens of MB whatever the file size, but V8 sizes a heap by the
 * machine's memory and let garbage (each batch's decoded rows) pile up to about 150 MB before a
 * full collection. Limits make it collect sooner at the same speed: with them (and the import
 * connection's smaller page cache) peak RSS of a 1 M-row `vigil ingest` fell from 352 to 276 MB.
 */
const WRITER_HEAP_MB = 96;

/**
 * How long an idle thread waits for the next file: longer than a pull takes to fetch a chunk (on a
 * loaded 2-core machine 50 000 rows took 9 s, and a 5 s wait ended the thread a pull had warmed
 * just before its first chunk came). Idle, it costs its heap and nothing else.
 */
export const IMPORT_THREAD_IDLE_MS = 30_000;

/** What the thread tells the file it runs: the worker's messages, or that the thread ended under it. */
export type ImportThreadEvent = ImportWorkerMessage | { type: 'stopped'; message: string };

export class ImportThread {
  private worker: Worker | null = null;
  private listener: ((event: ImportThreadEvent) => void) | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** An idle thread closing its database: close() waits for it too. */
  private closing: Promise<void> = Promise.resolve();

  constructor(
    private readonly setup: ImportWorkerSetup,
    private readonly idleMs = IMPORT_THREAD_IDLE_MS,
  ) {}

  /** The running thread's id, null when there is none (diagnostics and tests). */
  get threadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  /** Starts the thread before a file is ready (a pull, while it fetches its first chunk). */
  warm(): void {
    if (this.listener) return;
    this.ensureWorker();
    this.idle();
  }

  /** Imports one file; `listener` hears of it until its 'done', 'error' or 'stopped'. */
  run(file: ImportWorkerFile, listener: (event: ImportThreadEvent) => void): void {
    if (this.listener) throw new Error('The import thread is already importing a file.');
    const worker = this.ensureWorker();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    worker.ref();
    this.listener = listener;
    worker.postMessage({ type: 'import', ...file } satisfies ImportWorkerCommand);
  }

  cancel(): void {
    if (this.listener) this.worker?.postMessage({ type: 'cancel' } satisfies ImportWorkerCommand);
  }

  /** Ends the thread: an idle one closes its database first; a busy one is stopped (rolled back at next open). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return this.closing;
    const busy = this.listener !== null;
    this.forget();
    if (busy) {
      await worker.terminate();
      return;
    }
    this.closing = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // An idle thread is unref'd; one being closed is waited for. Left unref'd, nothing held the
    // process open meanwhile: a CLI command whose pull had failed ended with exit 0 here, before
    // its error was printed.
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies ImportWorkerCommand);
    await this.closing;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('import.worker', import.meta.url, {
      workerData: this.setup,
      resourceLimits: { maxOldGenerationSizeMb: WRITER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
    });
    this.worker = worker;
    // Events of a thread that was since replaced or closed concern nobody.
    worker.on('message', (message: ImportWorkerMessage) => {
      if (worker !== this.worker) return;
      const listener = this.listener;
      if (message.type === 'done' || message.type === 'error') {
        this.listener = null;
        this.idle();
      }
      listener?.(message);
    });
    worker.on('error', (error) => {
      if (worker === this.worker) this.stopped(error.message);
    });
    worker.on('exit', (code) => {
      if (worker === this.worker) this.stopped(`Import worker stopped (exit ${code})`);
    });
    return worker;
  }

  /** Between files: the thread never holds the process open, and ends if no file comes. */
  private idle(): void {
    this.worker?.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.idleTimer.unref();
  }

  private stopped(message: string): void {
    const listener = this.listener;
    this.forget();
    listener?.({ type: 'stopped', message });
  }

  private forget(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker = null;
    this.listener = null;
  }
}
