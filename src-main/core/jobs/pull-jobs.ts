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
import { PullJobRunner } from './pull-job-runner.js';
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

/** CloudWatch Logs pulls as jobs (pull-job-runner.ts); a job is keyed by log group and selection. */
export class PullJobs extends PullJobRunner<PullRequest, PullSummary> {
  constructor(options: PullJobsOptions) {
    const { positions, spoolDir, imports, registry, pullOptions } = options;
    super(
      {
        keyOf: (request) => JSON.stringify(pullKeyOf(request)),
        startMessage: (request) => `Pulling ${request.logGroup} (${request.region})`,
        pull: (request, signal, update) =>
          pullInto({ positions, spoolDir, importSpool: importThrough(imports, registry) }, request, {
            ...pullOptions,
            signal,
            onProgress: (progress) => update(progressPatch(progress)),
          }),
        finished: (summary) => ({ message: describePull(summary), pullSummary: summary }),
      },
      registry,
    );
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
  const n = (count: number) => count.toLocaleString('en-US');
  const base = `${summary.logGroup}: ${n(summary.events)} events pulled; ${n(c.stored)} stored, ${n(c.quarantined)} quarantined, ${n(c.duplicates)} duplicates`;
  return [base, ...summary.notes].join('. ');
}
