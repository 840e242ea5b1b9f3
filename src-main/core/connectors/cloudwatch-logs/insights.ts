import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type CallOptions, callAws } from './call.js';
import { type CallContext, CloudWatchError } from './errors.js';
import { abortError, realSleep } from './retry.js';
import { loadSdk } from './sdk.js';

/** Logs Insights returns at most this many rows per query. */
export const INSIGHTS_MAX_ROWS = 10_000;

export interface InsightsSpec {
  logGroup: string;
  /** Epoch ms; Insights works in whole seconds, so the range is widened to them. */
  startTime: number;
  endTime: number;
  query: string;
}

export interface PollOptions {
  /** First wait before asking for results (default 500 ms); it doubles up to `maxMs`. */
  initialMs?: number;
  maxMs?: number;
  /** Give up (and stop the query) after this long (default 20 min; Insights itself stops at 60). */
  timeoutMs?: number;
}

export interface InsightsResult {
  /** Each row as field → value, without the internal @ptr. */
  rows: Record<string, string>[];
  polls: number;
}

const DONE_BAD = new Set(['Failed', 'Cancelled', 'Timeout']);

/** StartQuery, then GetQueryResults with exponential backoff until the query finishes. */
export async function runInsightsQuery(
  client: CloudWatchLogsClient,
  ctx: Omit<CallContext, 'action' | 'logGroup'>,
  spec: InsightsSpec,
  options: CallOptions & { poll?: PollOptions },
): Promise<InsightsResult> {
  const { GetQueryResultsCommand, StartQueryCommand, StopQueryCommand } = await loadSdk();
  const base = { ...ctx, logGroup: spec.logGroup };
  const { queryId } = await callAws(
    { ...base, action: 'StartQuery' },
    (abortSignal) =>
      client.send(
        new StartQueryCommand({
          logGroupName: spec.logGroup,
          startTime: Math.floor(spec.startTime / 1000),
          endTime: Math.ceil(spec.endTime / 1000),
          queryString: spec.query,
          limit: INSIGHTS_MAX_ROWS,
        }),
        { abortSignal },
      ),
    options,
  );
  if (!queryId) throw new CloudWatchError('Logs Insights did not return a query id.', 'NoQueryId');
  const sleep = options.retry?.sleep ?? realSleep;
  const poll = { initialMs: 500, maxMs: 5_000, timeoutMs: 20 * 60_000, ...options.poll };
  const stop = () =>
    client.send(new StopQueryCommand({ queryId })).catch(() => {
      // Best effort: the query stops by itself at its own timeout if this does not reach AWS.
    });
  let delay = poll.initialMs;
  let waited = 0;
  for (let polls = 1; ; polls++) {
    try {
      await sleep(delay, options.signal);
    } catch (error) {
      await stop();
      throw error;
    }
    waited += delay;
    delay = Math.min(poll.maxMs, delay * 2);
    const answer = await callAws(
      { ...base, action: 'GetQueryResults' },
      (abortSignal) => client.send(new GetQueryResultsCommand({ queryId }), { abortSignal }),
      options,
    ).catch(async (error) => {
      if ((error as Error).name === 'AbortError') await stop();
      throw error;
    });
    const status = answer.status ?? 'Unknown';
    if (status === 'Complete') return { rows: (answer.results ?? []).map(toRow), polls };
    if (DONE_BAD.has(status))
      throw new CloudWatchError(
        `The Logs Insights query on ${spec.logGroup} ended with status ${status}${status === 'Timeout' ? ': pull a shorter time range' : ''}.`,
        `Query${status}`,
      );
    if (waited >= poll.timeoutMs) {
      await stop();
      throw new CloudWatchError(
        `The Logs Insights query on ${spec.logGroup} was still ${status} after ${Math.round(waited / 1000)} s; it was stopped. Pull a shorter time range.`,
        'QueryTimeout',
      );
    }
    if (options.signal?.aborted) {
      await stop();
      throw abortError();
    }
  }
}

function toRow(fields: { field?: string; value?: string }[]): Record<string, string> {
  const row: Record<string, string> = {};
  for (const { field, value } of fields)
    if (field && field !== '@ptr' && value !== undefined) row[field] = value;
  return row;
}
