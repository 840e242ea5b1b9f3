// A pull with a Logs Insights query: its result rows become lines (the raw @message, or the whole
// row for a mapping preset) imported like any other chunk.
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { PullKey } from '../../db/cloudwatch-pulls.js';
import { eventSpoolLine } from '../../ingest/event-spool.js';
import type { CallOptions } from './call.js';
import type { SpoolChunker } from './chunker.js';
import { type CallContext, CloudWatchError } from './errors.js';
import { INSIGHTS_MAX_ROWS, type PollOptions, runInsightsQuery } from './insights.js';
import { insightsLine, insightsTimestamp } from './lines.js';
import type { PullPositions } from './positions.js';
import type { PullTally } from './tally.js';
import type { TimeRange } from './time-range.js';

export interface InsightsPullContext {
  positions: PullPositions;
  client: CloudWatchLogsClient;
  key: PullKey;
  call: Omit<CallContext, 'action' | 'logGroup'>;
  options: CallOptions & { poll?: PollOptions };
  tally: PullTally;
  chunker: SpoolChunker;
  report: (force?: boolean) => void;
}

export async function pullInsights(
  ctx: InsightsPullContext,
  range: TimeRange,
  query: string,
  mapFields: boolean,
): Promise<void> {
  const { tally, chunker } = ctx;
  tally.phase = 'querying';
  tally.startSegment(range);
  ctx.report(true);
  const { rows } = await runInsightsQuery(
    ctx.client,
    ctx.call,
    { logGroup: ctx.key.logGroup, startTime: range.start, endTime: range.end, query },
    ctx.options,
  );
  tally.phase = 'fetching';
  const events = rows.map((row) => ({
    timestamp: insightsTimestamp(row['@timestamp']) ?? undefined,
    message: insightsLine(row, mapFields),
  }));
  if (events.length > 0 && events.every((e) => e.message === null))
    throw new CloudWatchError(
      'The query results have no @message field: add `fields @timestamp, @message` to the query, or map the fields it returns with a mapping preset (--preset NAME).',
      'NoMessageField',
    );
  // Result rows carry no event id (a `stats` row is no event at all): keyed by their fields.
  const lines = events.flatMap((e) => (e.message === null ? [] : [eventSpoolLine(undefined, e.message)]));
  tally.page(events.map((e) => ({ timestamp: e.timestamp, message: e.message ?? '' })));
  if (lines.length < events.length)
    tally.notes.push(`${events.length - lines.length} result rows without @message were left out.`);
  if (rows.length >= INSIGHTS_MAX_ROWS)
    tally.notes.push(
      `Logs Insights returns at most ${INSIGHTS_MAX_ROWS.toLocaleString('en-US')} rows and this query reached that: pull shorter time ranges (or a filter pull) to get every event.`,
    );
  const maxTs = events.reduce<number | null>(
    (max, e) => (e.timestamp !== undefined && (max === null || e.timestamp > max) ? e.timestamp : max),
    null,
  );
  await chunker.add(lines, maxTs);
  const committed = await chunker.flush();
  // Insights has no resume token; only "new since last time" needs remembering.
  await ctx.positions.record(ctx.key, { lastEventTs: committed?.maxTs ?? null, pending: null });
  tally.endSegment();
}
