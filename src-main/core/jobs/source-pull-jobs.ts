// Pulls from remote sources (ClickHouse) as jobs with the same progress events as imports and
// CloudWatch pulls. The network part runs here (it only waits on sockets); each chunk is imported
// by the import job queue. A second pull of the same source and filter while one runs joins it:
// two would race for the watermark.
import { randomUUID } from 'node:crypto';
import type { JobProgress, SourcePullSummary } from '../../../src-shared/domain.js';
import type { SourceConnectionOptions } from '../connectors/clickhouse/client.js';
import { pullSource, type SourcePullRequest, type SourceWatermarks } from '../connectors/clickhouse/pull.js';
import type { SpoolImport } from '../connectors/cloudwatch-logs/chunker.js';
import type { JobRegistry } from './job-registry.js';

export interface SourcePullJobsOptions {
  watermarks: SourceWatermarks;
  spoolDir: string;
  importSpool: SpoolImport;
  registry: JobRegistry;
  /** Connection timeout, rows per chunk (tests make them small). */
  pullOptions?: SourceConnectionOptions & { flushRows?: number };
}

interface Job {
  progress: JobProgress;
  key: string;
  abort: AbortController;
  done: Promise<SourcePullSummary | null>;
}

export class SourcePullJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly options: SourcePullJobsOptions) {}

  start(request: SourcePullRequest): string {
    const key = JSON.stringify([request.source.name, request.selector]);
    for (const job of this.jobs.values())
      if (job.key === key && job.progress.state === 'running') return job.progress.jobId;
    const jobId = randomUUID();
    const job: Job = {
      key,
      abort: new AbortController(),
      done: Promise.resolve(null),
      progress: {
        jobId,
        kind: 'pull',
        state: 'running',
        fraction: 0,
        message: `Counting the matching rows of ${request.source.name}`,
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

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (job?.progress.state !== 'running') return false;
    if (!job.abort.signal.aborted) {
      job.abort.abort();
      this.update(job, { message: 'Cancelling…' });
    }
    return true;
  }

  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => job.progress.state === 'running');
    for (const job of running) job.abort.abort();
    await Promise.all(running.map((job) => job.done));
  }

  private async run(job: Job, request: SourcePullRequest): Promise<SourcePullSummary | null> {
    const { watermarks, spoolDir, importSpool, pullOptions } = this.options;
    const name = request.source.name;
    try {
      const summary = await pullSource({ watermarks, spoolDir, importSpool }, request, {
        ...pullOptions,
        signal: job.abort.signal,
        onProgress: (p) =>
          this.update(job, {
            fraction: p.matching > 0 ? p.rows / p.matching : 0,
            counts: p.counts,
            importId: p.importIds.at(-1) ?? null,
            message:
              p.phase === 'counting'
                ? `${name}: counting the matching rows`
                : `${name}: ${p.rows.toLocaleString('en-US')} of ${p.matching.toLocaleString('en-US')} rows; ${p.counts.stored.toLocaleString('en-US')} stored`,
          }),
      });
      const done = summary.status === 'done';
      this.update(job, {
        state: done ? 'done' : 'cancelled',
        fraction: done ? 1 : job.progress.fraction,
        importId: summary.importIds.at(-1) ?? null,
        counts: summary.counts,
        bytesRead: summary.bytes,
        message: describeSourcePull(summary),
        sourcePullSummary: summary,
      });
      return summary;
    } catch (error) {
      const message = (error as Error).message;
      const summary = (error as { summary?: SourcePullSummary }).summary;
      this.update(job, {
        state: 'failed',
        error: message,
        message,
        ...(summary ? { sourcePullSummary: summary } : {}),
      });
      return null;
    }
  }

  private update(job: Job, patch: Partial<JobProgress>): void {
    job.progress = { ...job.progress, ...patch };
    this.options.registry.publish(job.progress);
  }
}

export function describeSourcePull(s: SourcePullSummary): string {
  const c = s.counts;
  return [
    `${s.source}: ${s.rows.toLocaleString('en-US')} rows pulled; ${c.stored} stored, ${c.quarantined} quarantined, ${c.duplicates} duplicates`,
    ...s.notes,
  ].join('. ');
}
