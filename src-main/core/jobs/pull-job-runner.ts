// The life of a pull from the network as a job, whatever the source (CloudWatch Logs, a ClickHouse
// table): progress events like an import's, one running job per selection (a second request
// joins it: two pulls of one selection would race for its saved position), cancel, and close
// that waits for running pulls (their finished chunks stay; they resume later). The network part
// runs on this thread (it only waits on sockets); each chunk is imported by the import job queue.
import { randomUUID } from 'node:crypto';
import type { ImportCounts, JobProgress } from '../../../src-shared/domain.js';
import type { JobRegistry } from './job-registry.js';

/** What every pull's summary says, whatever it pulled from. */
export interface PullOutcome {
  status: 'done' | 'cancelled' | 'failed';
  counts: ImportCounts;
  importIds: number[];
  bytes: number;
}

/** What differs between sources: how a request is keyed and described, and the pull itself. */
export interface PullSource<Request, Summary extends PullOutcome> {
  keyOf(request: Request): string;
  startMessage(request: Request): string;
  /** Progress fields that say from the start what is pulled (a CloudWatch pull's come with its first page). */
  startDetail?(request: Request): Partial<JobProgress>;
  pull(
    request: Request,
    signal: AbortSignal,
    update: (patch: Partial<JobProgress>) => void,
  ): Promise<Summary>;
  /** The progress fields that carry the finished summary and say what it did. */
  finished(summary: Summary): Partial<JobProgress>;
  /** Extra progress fields for a failure (a partial summary the error carries). */
  failed?(error: unknown): Partial<JobProgress>;
}

interface Job<Summary> {
  progress: JobProgress;
  key: string;
  abort: AbortController;
  done: Promise<Summary | null>;
}

export class PullJobRunner<Request, Summary extends PullOutcome> {
  private readonly jobs = new Map<string, Job<Summary>>();

  constructor(
    private readonly source: PullSource<Request, Summary>,
    private readonly registry: JobRegistry,
  ) {}

  start(request: Request): string {
    const key = this.source.keyOf(request);
    for (const job of this.jobs.values())
      if (job.key === key && job.progress.state === 'running') return job.progress.jobId;
    const jobId = randomUUID();
    const job: Job<Summary> = {
      key,
      abort: new AbortController(),
      done: Promise.resolve(null),
      progress: {
        jobId,
        kind: 'pull',
        state: 'running',
        fraction: 0,
        message: this.source.startMessage(request),
        importId: null,
        counts: null,
        bytesRead: 0,
        bytesTotal: null,
        file: null,
        error: null,
        ...this.source.startDetail?.(request),
      },
    };
    this.jobs.set(jobId, job);
    this.registry.add(job.progress, () => this.cancel(jobId));
    job.done = this.run(job, request);
    return jobId;
  }

  /** Resolves with the pull's summary (null when it failed). */
  wait(jobId: string): Promise<Summary | null> {
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

  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.progress.state === 'running');
    for (const job of running) job.abort.abort();
    await Promise.all(running.map((job) => job.done));
  }

  private async run(job: Job<Summary>, request: Request): Promise<Summary | null> {
    try {
      const summary = await this.source.pull(request, job.abort.signal, (patch) => this.update(job, patch));
      const done = summary.status === 'done';
      this.update(job, {
        state: done ? 'done' : 'cancelled',
        fraction: done ? 1 : job.progress.fraction,
        importId: summary.importIds.at(-1) ?? null,
        counts: summary.counts,
        bytesRead: summary.bytes,
        ...this.source.finished(summary),
      });
      return summary;
    } catch (error) {
      const message = (error as Error).message;
      this.update(job, { state: 'failed', error: message, message, ...this.source.failed?.(error) });
      return null;
    }
  }

  private update(job: Job<Summary>, patch: Partial<JobProgress>): void {
    job.progress = { ...job.progress, ...patch };
    this.registry.publish(job.progress);
  }
}
