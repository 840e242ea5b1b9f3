// Pulls the rows of a source that match a filter into the workspace, through the same pipeline as
// files and CloudWatch pulls: rows are spooled to disk in chunks (memory stays flat), each chunk is
// imported (validation, quarantine, de-duplication, rollups), and the newest committed row time is
// saved as the pull's watermark, so `--new` continues from there after a stop, a kill or a failure
// (and so does the same --from pull run again: pull-range.ts).
import type { ImportCounts, SessionFilter, SourcePullSummary } from '../../../../src-shared/domain.js';
import type { SourceInfo } from '../../../../src-shared/sources.js';
import { SpoolChunker, type SpoolImport } from '../cloudwatch-logs/chunker.js';
import { PullTally } from '../cloudwatch-logs/tally.js';
import { resolveRange } from '../cloudwatch-logs/time-range.js';
import { clickhouseOrigin } from '../import-origin.js';
import { type SourceConnectionOptions, withSource } from './client.js';
import { rangeKeyOf, rangeStart } from './pull-range.js';
import { tracePull } from './pull-trace.js';
import { PulledLines } from './pulled-lines.js';
import { ALIAS_PREFIX, countSql, rowsSql } from './select.js';

export interface SourceWatermarks {
  get(key: { source: string; selector: string }): Promise<number | null>;
  record(key: { source: string; selector: string }, ts: number): Promise<void>;
}

export interface SourcePullTarget {
  watermarks: SourceWatermarks;
  spoolDir: string;
  importSpool: SpoolImport;
  /** Gets the importer ready while the first chunk is fetched (the app's import thread). */
  warmImport?: () => void;
}

export interface SourcePullRequest {
  source: SourceInfo;
  filter: SessionFilter;
  /** The filter as the language writes it: the watermark's key ('' for every row). */
  selector: string;
  since?: string;
  from?: number;
  to?: number;
  newOnly?: boolean;
  /** With newOnly: start this long before the watermark (default 10m, as CloudWatch pulls). */
  overlap?: string;
  limit: number;
}

export interface SourcePullProgress {
  rows: number;
  matching: number;
  counts: ImportCounts;
  importIds: number[];
  phase: 'counting' | 'fetching' | 'importing';
}

/**
 * Rows per imported chunk. Each chunk is an import with a fixed cost besides its rows (the import's
 * start and its rollup merge, about 0.2 s), and memory does not grow with it (the chunk is spooled
 * to disk and read back as a stream): measured on a 10 M-row server, a 100 000-row slice pulled in
 * 2.66–3.03 s as one chunk against 2.94–3.22 s as two of 50 000, and 1 M rows in 42.8 against
 * 43.5 s. A kill loses at most one chunk's work.
 */
export const PULL_CHUNK_ROWS = 100_000;

export interface SourcePullOptions extends SourceConnectionOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SourcePullProgress) => void;
  /** Rows per imported chunk (default 100 000, PULL_CHUNK_ROWS). */
  flushRows?: number;
  now?: () => number;
}

export async function pullSource(
  target: SourcePullTarget,
  request: SourcePullRequest,
  options: SourcePullOptions = {},
): Promise<SourcePullSummary> {
  tracePull('pull starts');
  // The import thread starts (and reads the rules) while the watermark is read, the rows counted and fetched.
  target.warmImport?.();
  const { source, selector } = request;
  const key = { source: source.name, selector };
  const watermark = await target.watermarks.get(key);
  // With --new, the overlap before the watermark (10m unless asked, '0m' included) is pulled again:
  // rows that reached the table late, and rows of the watermark's time in a later chunk that never
  // committed, are then fetched; those stored already are found as duplicates (pulled-lines.ts).
  const asked = resolveRange(request, watermark, (options.now ?? Date.now)());
  // A pull from a fixed start continues where the last one from that start stopped (the position's
  // own time is pulled again, as for the watermark).
  const rangeKey = request.from !== undefined && !request.newOnly ? rangeKeyOf(key, request.from) : null;
  const start = rangeKey ? await rangeStart(target.watermarks, rangeKey, asked) : { kind: 'fresh' as const };
  const range = start.kind === 'resumed' ? { start: start.at, end: asked.end } : asked;
  const filter: SessionFilter = {
    ...request.filter,
    from: Math.max(request.filter.from ?? range.start, range.start),
    to: Math.min(request.filter.to ?? range.end + 1, range.end + 1),
  };
  const tally = new PullTally(source.name, range, range.end - range.start);
  const notes = tally.notes;
  if (request.newOnly && watermark === null)
    notes.push('No earlier pull of this source and filter: pulled the asked range.');
  if (start.kind === 'resumed')
    notes.push(
      `Continued an interrupted pull from ${new Date(asked.start).toISOString()}: its rows before ${new Date(start.at).toISOString()} were stored already.`,
    );
  if (start.kind === 'complete')
    notes.push(
      'This range was pulled completely before: pulled again, rows already stored count as duplicates.',
    );
  const howToContinue =
    rangeKey || request.newOnly ? 'run the same pull again to continue' : 'pull again with --new to continue';
  let matching = 0;
  let rows = 0;
  let phase: SourcePullProgress['phase'] = 'counting';
  const report = () =>
    options.onProgress?.({
      rows,
      matching,
      counts: { ...tally.counts },
      importIds: [...tally.importIds],
      phase: tally.phase === 'importing' ? 'importing' : phase,
    });
  const flushRows = options.flushRows ?? PULL_CHUNK_ROWS;
  const chunker = new SpoolChunker(
    {
      dir: target.spoolDir,
      kind: source.kind,
      logGroup: source.name,
      // Every chunk is the engine's tab-separated rows under Vigil's field names (pulled-lines.ts).
      importSpool: (file, { origin }, signal) =>
        target.importSpool(file, { format: 'session-tsv', origin }, signal),
      origin: clickhouseOrigin(source, selector, asked),
      flushEvents: flushRows,
      flushBytes: 64 * 1024 * 1024,
      signal: options.signal,
    },
    tally,
  );
  const summary = (status: SourcePullSummary['status']): SourcePullSummary => ({
    status,
    source: source.name,
    selector,
    rangeStart: range.start,
    rangeEnd: range.end,
    matching,
    rows,
    bytes: tally.bytes,
    firstEventTs: tally.firstEventTs,
    lastEventTs: tally.lastEventTs,
    counts: { ...tally.counts },
    importIds: [...tally.importIds],
    notes: [...notes],
  });
  const flush = async () => {
    tracePull(`import of ${chunker.events} rows starts`);
    const done = await chunker.flush();
    tracePull('import done');
    if (done?.maxTs != null) {
      await target.watermarks.record(key, done.maxTs);
      if (rangeKey) await target.watermarks.record(rangeKey, done.maxTs);
    }
    report();
  };
  // A full chunk is imported while the next one is fetched: the engine and the import queue work
  // at once. One import at a time, in order, so the watermark only moves past committed chunks.
  let importing: Promise<void> = Promise.resolve();
  let importFailure: unknown = null;
  const flushInBackground = async () => {
    await importing;
    if (importFailure !== null) throw importFailure;
    // chunker.flush takes the full chunk before its first await: rows added from now on go to the next.
    importing = flush().catch((error) => {
      importFailure = error;
    });
  };
  const settle = async () => {
    await importing;
    if (importFailure !== null) throw importFailure;
  };
  try {
    await withSource(source, options, async (connection) => {
      tracePull('connecting');
      report();
      const [counted] = await connection.all(countSql(source, filter), options.signal);
      matching = Number(counted?.[`${ALIAS_PREFIX}n`] ?? 0);
      if (matching > request.limit)
        throw new Error(
          `${matching.toLocaleString('en-US')} rows of source "${source.name}" match, more than the limit of ${request.limit.toLocaleString('en-US')}: narrow the filter or the time range, or raise the limit (--limit).`,
        );
      tracePull(`counted ${matching}`);
      phase = 'fetching';
      report();
      const pending = new PulledLines();
      let lastReport = Date.now();
      // The engine's blocks are a few rows each: lines are gathered and written to the spool in
      // pieces of about a megabyte, since a write per block (thousands for a slice) left the pull
      // waiting on the file more than on the engine.
      const spoolPending = async () => {
        const { lines, events, maxTs } = pending.take();
        tally.page(events);
        chunker.header = pending.header;
        await chunker.add(lines, maxTs);
      };
      await connection.lines(
        rowsSql(source, filter),
        'TabSeparatedWithNames',
        async (answer) => {
          if (rows === 0) tracePull('first rows');
          rows += pending.add(answer);
          if (!pending.full(flushRows - chunker.events)) return;
          await spoolPending();
          if (chunker.full) await flushInBackground();
          else if (Date.now() - lastReport > 500) {
            lastReport = Date.now();
            report();
          }
        },
        options.signal,
      );
      tracePull('every row fetched');
      await spoolPending();
      await settle();
      await flush();
      // Every row of the range is stored: a pull from this start continues after its end.
      if (rangeKey) await target.watermarks.record(rangeKey, asked.end + 1);
    });
    tracePull('pull done');
    if (rows !== matching)
      notes.push(
        `The source counted ${matching} matching rows and sent ${rows}: rows arrived or left meanwhile.`,
      );
    return summary('done');
  } catch (error) {
    await importing;
    await chunker.discard();
    if (options.signal?.aborted || (error as Error).name === 'AbortError') {
      notes.push(
        tally.importIds.length > 0
          ? `Cancelled: chunks imported before the cancel are kept; ${howToContinue} from there.`
          : 'Cancelled before anything was imported.',
      );
      return summary('cancelled');
    }
    const failure = error as Error;
    if (tally.importIds.length > 0)
      failure.message += ` ${tally.counts.stored} rows stored before this are kept; ${howToContinue}.`;
    throw Object.assign(failure, { summary: summary('failed') });
  }
}
