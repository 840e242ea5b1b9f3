import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FormatId, ImportRecord, JobProgress, MappingPreset } from '../../../src-shared/domain.js';
import type { ImportWorkerInput, ImportWorkerMessage } from './import-protocol.js';
import type { JobRegistry } from './job-registry.js';
import { startWorker } from './worker-url.js';

/**
 * The writer's live heap is a few tens of MB whatever the file size, but V8 sizes a heap by the
 * machine's memory and let garbage (each batch's decoded rows) pile up to about 150 MB before a
 * full collection. Limits make it collect sooner at the same speed: with them (and the import
 * connection's smaller page cache) peak RSS of a 1 M-row `vigil ingest` fell from 352 to 276 MB.
 */
const WRITER_HEAP_MB = 96;

export interface ImportJobRequest {
  file: string;
  format?: FormatId;
  preset?: MappingPreset;
}

interface Job {
  progress: JobProgress;
  request: ImportJobRequest;
  worker: Worker | null;
  cancelRequested: boolean;
  done: Promise<ImportRecord | null>;
  settle: (record: ImportRecord | null) => void;
}

export interface ImportJobsOptions {
  dbPath: string;
  cacheDir: string | null;
  enrich?: boolean;
  /** Where the core keeps its jobs and announces their progress. */
  registry: JobRegistry;
}

/**
 * Runs file imports in worker threads, one at a time per database (SQLite has one writer; two
 * imports at once would only wait on each other). A request for a file already queued or running
 * joins that job instead of starting another.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running: Job | null = null;

  constructor(private readonly options: ImportJobsOptions) {}

  start(request: ImportJobRequest): string {
    const file = path.resolve(request.file);
    for (const job of this.jobs.values()) {
      const active = job.progress.state === 'queued' || job.progress.state === 'running';
      if (active && job.request.file === file) return job.progress.jobId;
    }
    let settle!: (record: ImportRecord | null) => void;
    const done = new Promise<ImportRecord | null>((resolve) => {
      settle = resolve;
    });
    const job: Job = {
      request: { ...request, file },
      worker: null,
      cancelRequested: false,
      done,
      settle,
      progress: {
        jobId: randomUUID(),
        kind: 'import',
        state: 'queued',
        fraction: 0,
        message: `Queued ${path.basename(file)}`,
        importId: null,
        counts: null,
        bytesRead: 0,
        bytesTotal: null,
        file,
        error: null,
      },
    };
    this.jobs.set(job.progress.jobId, job);
    this.queue.push(job);
    this.options.registry.add(job.progress, () => this.cancel(job.progress.jobId));
    this.next();
    return job.progress.jobId;
  }

  /** Resolves with the finished import (null when it failed before creating one). */
  wait(jobId: string): Promise<ImportRecord | null> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new Error(`No job ${jobId}`));
    return job.done;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    if (job.progress.state === 'queued') {
      this.queue.splice(this.queue.indexOf(job), 1);
      this.update(job, { state: 'cancelled', message: 'Cancelled before it started' });
      job.settle(null);
      return true;
    }
    if (job.progress.state !== 'running') return false;
    job.cancelRequested = true;
    job.worker?.postMessage({ type: 'cancel' });
    this.update(job, { message: 'Cancelling…' });
    return true;
  }

  /** Stops every running worker (on shutdown); their imports are rolled back at next open. */
  async close(): Promise<void> {
    this.queue.length = 0;
    await Promise.all([...this.jobs.values()].map((job) => job.worker?.terminate()));
  }

  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    const input: ImportWorkerInput = {
      dbPath: this.options.dbPath,
      file: job.request.file,
      format: job.request.format,
      preset: job.request.preset,
      enrich: this.options.enrich ?? true,
      cacheDir: this.options.cacheDir,
    };
    const worker = startWorker('import.worker', import.meta.url, {
      workerData: input,
      resourceLimits: { maxOldGenerationSizeMb: WRITER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
    });
    job.worker = worker;
    this.update(job, { state: 'running', message: `Reading ${path.basename(job.request.file)}` });
    let finished = false;
    const finish = (
      state: JobProgress['state'],
      patch: Partial<JobProgress>,
      record: ImportRecord | null,
    ) => {
      if (finished) return;
      finished = true;
      job.worker = null;
      this.update(job, { ...patch, state });
      job.settle(record);
      this.running = null;
      this.next();
    };
    worker.on('message', (message: ImportWorkerMessage) => {
      switch (message.type) {
        case 'start':
          this.update(job, { importId: message.importId });
          break;
        case 'progress':
          this.update(job, progressPatch(message.record, message.sizeBytes));
          break;
        case 'done': {
          const { record } = message;
          const state = record.status === 'cancelled' ? 'cancelled' : 'done';
          finish(
            state,
            { ...progressPatch(record, record.sizeBytes), fraction: 1, message: describe(record) },
            record,
          );
          break;
        }
        case 'error':
          finish(
            'failed',
            { importId: message.importId, error: message.message, message: message.message },
            null,
          );
          break;
      }
    });
    worker.on('error', (error) => finish('failed', { error: error.message, message: error.message }, null));
    worker.on('exit', (code) => {
      if (code !== 0)
        finish(
          'failed',
          { error: `Import worker stopped (exit ${code})`, message: `Import worker stopped (exit ${code})` },
          null,
        );
      else finish(job.cancelRequested ? 'cancelled' : 'done', {}, null);
    });
  }

  private update(job: Job, patch: Partial<JobProgress>): void {
    job.progress = { ...job.progress, ...patch };
    this.emit(job);
  }

  private emit(job: Job): void {
    this.options.registry.publish(job.progress);
  }
}

function progressPatch(record: ImportRecord, sizeBytes: number): Partial<JobProgress> {
  return {
    importId: record.id,
    counts: {
      rowsRead: record.rowsRead,
      stored: record.stored,
      quarantined: record.quarantined,
      duplicates: record.duplicates,
    },
    bytesRead: record.bytesRead,
    bytesTotal: sizeBytes,
    fraction: sizeBytes > 0 ? Math.min(1, record.bytesRead / sizeBytes) : null,
    message: `${record.rowsRead.toLocaleString('en-US')} rows read`,
  };
}

export function describe(record: ImportRecord): string {
  if (record.status === 'skipped' || record.status === 'cancelled') return record.message ?? record.status;
  const base = `${record.fileName}: ${record.stored} stored, ${record.quarantined} quarantined, ${record.duplicates} duplicates of ${record.rowsRead} rows`;
  return record.message ? `${base}. ${record.message}` : base;
}
