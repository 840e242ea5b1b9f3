import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../../src-shared/domain.js';
import {
  type PullOptions,
  type PullPositions,
  type PullProgress,
  type PullRequest,
  type PullSummary,
  pullInto,
  pullKeyOf,
} from '../connectors/cloudwatch-logs/index.js';
import { describePullDetail, pullDetailOf } from '../connectors/cloudwatch-logs/progress-detail.js';
import type { ImportJobs } from './import-jobs.js';
import type { JobRegistry } from './job-registry.js';
import { importThrough } from './queued-spool-import.js';

export interface PullJobsOptions {
  /** Where pulls keep their positions: in the app, through the writer thread (never this one). */
  positions: PullPositions;
  /** Where chunks wait for their import (`<db folder>/spool`). */
  spoolDir: string;
  /** Chunks are imported through the import queue: off this thread, one writer at a time. */
  imports: ImportJobs;
  /** Where the core keeps its jobs and announces their progress. */
  registry: JobRegistry;
  /** Retry, polling, credentials and chunk sizes for every pull (tests make them fast). */
  pullOptions?: Omit<PullOptions, 'signal' | 'onProgress' | 'importSpool'>;
}

interface Job {
  progress: JobProgress;
  key: string;
  abort: AbortController;
  done: Promise<PullSummary | null>;
}

/**
 * CloudWatch Logs pulls as jobs with the same progress events as file imports. The network part
 * runs here (it only waits on sockets); each chunk is imported by the import job queue. A second
 * request for the same log group and selection while one runs joins it: two pulls of one
 * selection would race for its saved position.
 */
export class PullJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly options: PullJobsOptions) {}

  start(request: PullRequest): string {
    const key = JSON.stringify(pullKeyOf(request));
    for (const job of this.jobs.values())
      if (job.key === key && job.progress.state === 'running') return job.progress.jobId;
    const jobId = randomUUID();
    const abort = new AbortController();
    const job: Job = {
      key,
      abort,
      done: Promise.resolve(null),
      progress: {
        jobId,
        kind: 'pull',
        state: 'running',
        fraction: 0,
        message: `Pulling ${request.logGroup} (${request.region})`,
        importId: null,
        counts: null,
        bytesRead: 0,
        bytesTotal: null,
        file: null,
        error: null,
      },
    };
    this.jobs.set(jobId, job);
    this.options.registry.add(job.progress, () => this.cancel(jobId));
    job.done = this.run(job, request);
    return jobId;
  }

  /** Resolves with the pull's summary (null when it failed). */
  wait(jobId: string): Promise<PullSummary | null> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new Error(`No job ${jobId}`));
    return job.done;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (job?.progress.state !== 'running') return false;
    // Asked again while stopping: nothing new to say.
    if (job.abort.signal.aborted) return true;
    job.abort.abort();
    this.update(job, { message: 'Cancelling…' });
    return true;
  }

  /** Cancels running pulls and waits for them (their finished chunks stay; they resume later). */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.progress.state === 'running');
    for (const job of running) job.abort.abort();
    await Promise.all(running.map((job) => job.done));
  }

  private async run(job: Job, request: PullRequest): Promise<PullSummary | null> {
    try {
      const target = { positions: this.options.positions, spoolDir: this.options.spoolDir };
      const summary = await pullInto(
        { ...target, importSpool: importThrough(this.options.imports, this.options.registry) },
        request,
        {
          ...this.options.pullOptions,
          signal: job.abort.signal,
          onProgress: (progress) => this.update(job, progressPatch(progress)),
        },
      );
      const done = summary.status === 'done';
      this.update(job, {
        state: done ? 'done' : 'cancelled',
        fraction: done ? 1 : job.progress.fraction,
        importId: summary.importIds.at(-1) ?? null,
        counts: summary.counts,
        bytesRead: summary.bytes,
        message: describePull(summary),
        pullSummary: summary,
      });
      return summary;
    } catch (error) {
      const message = (error as Error).message;
      this.update(job, { state: 'failed', error: message, message });
      return null;
    }
  }

  private update(job: Job, patch: Partial<JobProgress>): void {
    job.progress = { ...job.progress, ...patch };
    this.emit(job);
  }

  private emit(job: Job): void {
    this.options.registry.publish(job.progress);
  }
}

function progressPatch(progress: PullProgress): Partial<JobProgress> {
  const pull = pullDetailOf(progress);
  return {
    fraction: progress.fraction,
    importId: progress.importIds.at(-1) ?? null,
    counts: progress.counts,
    bytesRead: progress.bytes,
    pull,
    message: `${progress.logGroup}: ${describePullDetail(pull)}`,
  };
}

export function describePull(summary: PullSummary): string {
  const c = summary.counts;
  const base = `${summary.logGroup}: ${summary.events.toLocaleString('en-US')} events pulled; ${c.stored} stored, ${c.quarantined} quarantined, ${c.duplicates} duplicates`;
  return [base, ...summary.notes].join('. ');
}
