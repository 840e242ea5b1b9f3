import type { CloudWatchLogsClient, FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { type CallOptions, callAws } from './call.js';
import type { CallContext } from './errors.js';
import { loadSdk } from './sdk.js';

/** One FilterLogEvents request; the time range is inclusive at both ends, in epoch ms. */
export interface FilterSpec {
  logGroup: string;
  startTime: number;
  endTime: number;
  streams?: string[];
  filterPattern?: string;
}

export interface EventPage {
  events: FilteredLogEvent[];
  /** Where the next page starts; null after the last page. */
  nextToken: string | null;
}

/**
 * FilterLogEvents pages from `startToken` (or the start of the range) to the end. A page may be
 * empty with a token (CloudWatch searched part of the range and found nothing): keep following.
 */
export async function* filterPages(
  client: CloudWatchLogsClient,
  ctx: Omit<CallContext, 'action' | 'logGroup'>,
  spec: FilterSpec,
  startToken: string | null,
  options: CallOptions & { pageSize?: number },
): AsyncGenerator<EventPage> {
  const { FilterLogEventsCommand } = await loadSdk();
  let token = startToken ?? undefined;
  do {
    const page = await callAws(
      { ...ctx, action: 'FilterLogEvents', logGroup: spec.logGroup },
      (abortSignal) =>
        client.send(
          new FilterLogEventsCommand({
            logGroupName: spec.logGroup,
            logStreamNames: spec.streams,
            startTime: spec.startTime,
            endTime: spec.endTime,
            filterPattern: spec.filterPattern,
            nextToken: token,
            limit: options.pageSize,
            // AWS always interleaves streams by time (the flag is ignored there since 2019);
            // emulators such as moto need it to return the same order AWS does.
            interleaved: true,
          }),
          { abortSignal },
        ),
      options,
    );
    token = page.nextToken || undefined;
    yield { events: page.events ?? [], nextToken: token ?? null };
  } while (token);
}
