// Pulls from remote sources (ClickHouse) as jobs (pull-job-runner.ts). A job is keyed by source
// and filter: two pulls of one selection would race for its watermark.
import type { JobProgress, SourcePullSummary } from '../../../src-shared/domain.js';
import type { SourceConnectionOptions } from '../connectors/clickhouse/client.js';
import {
  pullSource,
  type SourcePullProgress,
  type SourcePullRequest,
  type SourceWatermarks,
} from '../connectors/clickhouse/pull.js';
import type { SpoolImport } from '../connectors/cloudwatch-logs/chunker.js';
import type { JobRegistry } from './job-registry.js';
import { PullJobRunner } from './pull-job-runner.js';

export interface SourcePullJobsOptions {
  watermarks: SourceWatermarks;
  spoolDir: string;
  importSpool: SpoolImport;
  warmImport?: () => void;
  registry: JobRegistry;
  /** Connection timeout, rows per chunk (tests make them small). */
  pullOptions?: SourceConnectionOptions & { flushRows?: number };
}

export class SourcePullJobs extends PullJobRunner<SourcePullRequest, SourcePullSummary> {
  constructor(options: SourcePullJobsOptions) {
    const { watermarks, spoolDir, importSpool, warmImport, registry, pullOptions } = options;
    super(
      {
        keyOf: (request) => JSON.stringify([request.source.name, request.selector]),
        startMessage: (request) => `Counting the matching rows of ${request.source.name}`,
        startDetail: (request) => ({ sourcePull: { source: request.source.name, filter: request.selector } }),
        pull: (request, signal, update) =>
          pullSource({ watermarks, spoolDir, importSpool, warmImport }, request, {
            ...pullOptions,
            signal,
            onProgress: (progress) => update(progressPatch(request.source.name, progress)),
          }),
        finished: (summary) => ({ message: describeSourcePull(summary), sourcePullSummary: summary }),
        // A pull that fails part-way carries what it had stored by then.
        failed: (error) => {
          const summary = (error as { summary?: SourcePullSummary }).summary;
          return summary ? { sourcePullSummary: summary } : {};
        },
      },
      registry,
    );
  }
}

function progressPatch(name: string, p: SourcePullProgress): Partial<JobProgress> {
  return {
    fraction: p.matching > 0 ? p.rows / p.matching : 0,
    counts: p.counts,
    importId: p.importIds.at(-1) ?? null,
    message:
      p.phase === 'counting'
        ? `${name}: counting the matching rows`
        : `${name}: ${p.rows.toLocaleString('en-US')} of ${p.matching.toLocaleString('en-US')} rows; ${p.counts.stored.toLocaleString('en-US')} stored`,
  };
}

export function describeSourcePull(s: SourcePullSummary): string {
  const c = s.counts;
  const n = (count: number) => count.toLocaleString('en-US');
  return [
    `${s.source}: ${n(s.rows)} rows pulled; ${n(c.stored)} stored, ${n(c.quarantined)} quarantined, ${n(c.duplicates)} duplicates`,
    ...s.notes,
  ].join('. ');
}
