// Pulls a time range of one log group into the database: the connector's entry point.

import { checkPullFields, type PullArgs } from '../../../../src-shared/cloudwatch.js';
import type { MappingPreset } from '../../../../src-shared/domain.js';
import { must } from '../../../../src-shared/must.js';
import type { PullKey } from '../../db/cloudwatch-pulls.js';
import type { Db } from '../../db/open.js';
import { cloudwatchOrigin } from '../import-origin.js';
import type { CallOptions } from './call.js';
import { SpoolChunker, type SpoolImport } from './chunker.js';
import { createLogsClient } from './client.js';
import type { Credentials } from './credentials.js';
import { pullFiltered } from './filter-pull.js';
import { importInProcess } from './import-spool.js';
import type { PollOptions } from './insights.js';
import { pullInsights } from './insights-pull.js';
import { decodeSpec, planSegments, selectorOf } from './plan.js';
import { type PullPositions, positionsIn } from './positions.js';
import { spoolDirOf } from './spool.js';
import { type PullProgress, type PullSummary, PullTally } from './tally.js';
import { DEFAULT_SINCE, resolveRange, type TimeRange } from './time-range.js';

export interface PullRequest extends Omit<PullArgs, 'preset'> {
  preset?: MappingPreset;
}

export interface PullOptions extends CallOptions {
  onProgress?: (progress: PullProgress) => void;
  /** Progress is reported at most this often, plus after every imported chunk (default 500 ms). */
  progressIntervalMs?: number;
  poll?: PollOptions;
  credentials?: Credentials;
  /** How chunks are imported (default: the file pipeline on this thread). */
  importSpool?: SpoolImport;
  enrich?: boolean;
  cacheDir?: string | null;
  /** Default `<db folder>/spool`. */
  spoolDir?: string;
  /** Chunk size: ~50 000 events keeps each import efficient while memory stays flat (lines go to disk). */
  flushEvents?: number;
  flushBytes?: number;
  /** FilterLogEvents page size (default and AWS maximum: 10 000). */
  pageSize?: number;
  now?: () => number;
}

export const DEFAULT_FLUSH_EVENTS = 50_000;
const DEFAULT_FLUSH_BYTES = 64 * 1024 * 1024;

export function pullKeyOf(request: PullRequest): PullKey {
  return {
    region: request.region,
    endpoint: request.endpoint ?? '',
    logGroup: request.logGroup,
    selector: selectorOf(request),
  };
}

/** What a pull writes to: its saved positions, the spool folder, and how its chunks are imported. */
export interface PullTarget {
  positions: PullPositions;
  spoolDir: string;
  importSpool: SpoolImport;
}

/** Pulls into `db` from this thread (the CLI's way): positions kept on this connection. */
export function runPull(db: Db, request: PullRequest, options: PullOptions = {}): Promise<PullSummary> {
  const target = {
    positions: positionsIn(db),
    spoolDir: options.spoolDir ?? spoolDirOf(db.name),
    importSpool: options.importSpool ?? importInProcess(db, options),
  };
  return pullInto(target, request, options);
}

/** Pulls into `target` (the app's way: positions kept by its writer thread, chunks by the import queue). */
export async function pullInto(
  target: PullTarget,
  request: PullRequest,
  options: Omit<PullOptions, 'importSpool' | 'spoolDir'> = {},
): Promise<PullSummary> {
  const problem = checkPullFields(request);
  if (problem) throw new Error(problem);
  const key = pullKeyOf(request);
  const state = await target.positions.get(key);
  const asked = resolveRange(request, state?.lastEventTs ?? null, (options.now ?? Date.now)());
  const mode = request.insightsQuery !== undefined ? 'insights' : 'filter';
  const base = { logGroup: request.logGroup, streams: request.streams, filterPattern: request.filterPattern };
  const pending = state?.pending;
  const pendingSpec = pending ? decodeSpec(base, pending.spec) : null;
  const plan =
    mode === 'filter'
      ? planSegments(base, asked, pending && pendingSpec ? { spec: pendingSpec, token: pending.token } : null)
      : null;
  const spans: TimeRange[] = plan
    ? plan.segments.map((s) => ({ start: s.spec.startTime, end: s.spec.endTime }))
    : [asked];
  const range = { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) };
  const tally = new PullTally(
    request.logGroup,
    range,
    spans.reduce((sum, s) => sum + (s.end - s.start), 0),
  );
  if (request.newOnly && state?.lastEventTs == null)
    tally.notes.push(
      `No earlier pull of this selection: pulled ${request.from !== undefined ? 'from the given start' : `the last ${request.since ?? DEFAULT_SINCE}`}.`,
    );
  if (plan?.abandoned)
    tally.notes.push(
      `An interrupted pull of ${new Date(plan.abandoned.startTime).toISOString()} – ${new Date(plan.abandoned.endTime).toISOString()} does not overlap this range and was given up.`,
    );

  const client = await createLogsClient({ ...request, credentials: options.credentials });
  const chunker = new SpoolChunker(
    {
      dir: target.spoolDir,
      logGroup: request.logGroup,
      importSpool: target.importSpool,
      preset: request.preset,
      origin: cloudwatchOrigin(request, asked),
      flushEvents: options.flushEvents ?? DEFAULT_FLUSH_EVENTS,
      flushBytes: options.flushBytes ?? DEFAULT_FLUSH_BYTES,
      signal: options.signal,
    },
    tally,
  );
  const interval = options.progressIntervalMs ?? 500;
  let lastReport = 0;
  const report = (force = false) => {
    if (!options.onProgress || (!force && Date.now() - lastReport < interval)) return;
    lastReport = Date.now();
    options.onProgress(tally.progress());
  };
  const call = { region: request.region, endpoint: request.endpoint, profile: request.profile };
  const shared = { positions: target.positions, client, key, call, tally, chunker, report };
  const described = { mode, region: request.region, endpoint: request.endpoint ?? null } as const;
  try {
    // The range is known before the first request: show it while that request is under way.
    report(true);
    if (mode === 'insights')
      await pullInsights(
        { ...shared, options },
        asked,
        must(request.insightsQuery, 'the query of an Insights pull'),
        request.preset !== undefined,
      );
    else await pullFiltered({ ...shared, options }, must(plan, 'the plan of a filter pull').segments);
    tally.phase = 'done';
    report(true);
    return tally.summary(described, 'done');
  } catch (error) {
    await chunker.discard();
    if (options.signal?.aborted || (error as Error).name === 'AbortError') {
      tally.phase = 'cancelled';
      tally.notes.push(
        tally.importIds.length > 0
          ? 'Cancelled: chunks imported before the cancel are kept; run the same pull again to resume from there.'
          : 'Cancelled before anything was imported.',
      );
      report(true);
      return tally.summary(described, 'cancelled');
    }
    const failure = error as Error;
    if (tally.importIds.length > 0)
      failure.message += ` ${tally.counts.stored} events stored before this are kept; run the same pull again to resume.`;
    throw Object.assign(failure, { summary: tally.summary(described, 'failed') });
  } finally {
    client.destroy();
  }
}
