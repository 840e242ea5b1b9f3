import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FormatId, ImportRecord, JobProgress, MappingPreset } from '../../../src-shared/domain.js';
import { ImportThread, type ImportThreadEvent } from './import-thread.js';
import type { JobRegistry } from './job-registry.js';

export interface ImportJobRequest {
  file: string;
  format?: FormatId;
  preset?: MappingPreset;
  /** A `line,label` CSV beside the log (ingest/label-sidecar.ts). */
  labels?: string;
  /** Where a pulled file's records came from, stored on its import. */
  origin?: string;
}

interface Job {
  progress: JobProgress;
  request: ImportJobRequest;
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
 * Runs file imports in a worker thread, one at a time per database (SQLite has one writer; two
 * imports at once would only wait on each other). A request for a file already queued or running
 * joins that job instead of starting another.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private readonly thread: ImportThread;

  constructor(private readonly options: ImportJobsOptions) {
    this.thread = new ImportThread({
      dbPath: options.dbPath,
      enrich: options.enrich ?? true,
      cacheDir: options.cacheDir,
    });
  }

  /** Gets the import thread ready for files that will come soon (a pull's chunks). */
  warm(): void {
    if (!this.running) this.thread.warm();
  }

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
        labels: request.labels === undefined ? null : path.resolve(request.labels),
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
    this.thread.cancel();
    this.update(job, { message: 'Cancelling…' });
    return true;
  }

  /** Stops the import thread (on shutdown); an import it was running is rolled back at next open. */
  async close(): Promise<void> {
    this.queue.length = 0;
    await this.thread.close();
  }

  private next(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    this.update(job, { state: 'running', message: `Reading ${path.basename(job.request.file)}` });
    const finish = (
      state: JobProgress['state'],
      patch: Partial<JobProgress>,
      record: ImportRecord | null,
    ) => {
      this.update(job, { ...patch, state });
      job.settle(record);
      this.running = null;
      this.next();
    };
    const { file, format, preset, labels, origin } = job.request;
    this.thread.run({ file, format, preset, labels, origin }, (event: ImportThreadEvent) => {
      switch (event.type) {
        case 'start':
          this.update(job, { importId: event.importId });
          break;
        case 'progress':
          this.update(job, progressPatch(event.record, event.sizeBytes));
          break;
        case 'done': {
          const { record } = event;
          const state = record.status === 'cancelled' ? 'cancelled' : 'done';
          finish(
            state,
            // A finished import looked at its file, so its size is known; null is only a refusal's.
            {
              ...progressPatch(record, record.sizeBytes ?? record.bytesRead),
              fraction: 1,
              message: describe(record),
            },
            record,
          );
          break;
        }
        case 'error':
          finish('failed', { importId: event.importId, error: event.message, message: event.message }, null);
          break;
        case 'stopped':
          finish(
            job.cancelRequested ? 'cancelled' : 'failed',
            { error: event.message, message: event.message },
            null,
          );
          break;
      }
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
