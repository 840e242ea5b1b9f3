// A pull with FilterLogEvents: pages into spool chunks, each chunk imported, and after each import
// the position saved, so an interrupted pull resumes after the last chunk that was stored.
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { PullKey } from '../../db/cloudwatch-pulls.js';
import { eventSpoolLine } from '../../ingest/event-spool.js';
import type { CallOptions } from './call.js';
import type { SpoolChunker } from './chunker.js';
import { type CallContext, CloudWatchError } from './errors.js';
import { filterPages } from './filter-pages.js';
import { eventLine } from './lines.js';
import { encodeSpec, type Segment } from './plan.js';
import type { PullPositions } from './positions.js';
import type { PullTally } from './tally.js';

export interface FilterPullContext {
  positions: PullPositions;
  client: CloudWatchLogsClient;
  key: PullKey;
  call: Omit<CallContext, 'action' | 'logGroup'>;
  options: CallOptions & { pageSize?: number };
  tally: PullTally;
  chunker: SpoolChunker;
  report: (force?: boolean) => void;
}

export async function pullFiltered(ctx: FilterPullContext, segments: Segment[]): Promise<void> {
  for (const segment of segments) {
    ctx.tally.startSegment({ start: segment.spec.startTime, end: segment.spec.endTime });
    if (segment.resumed) ctx.tally.resumed = true;
    const pagesBefore = ctx.tally.pages;
    try {
      await pullSegment(ctx, segment, segment.token);
    } catch (error) {
      // A saved token expires (CloudWatch keeps them 24 hours) and is refused on first use: start
      // that range over instead; what was stored before is dropped again as duplicates.
      const refused = error instanceof CloudWatchError && error.code === 'InvalidParameterException';
      if (!refused || segment.token === null || ctx.tally.pages !== pagesBefore) throw error;
      ctx.tally.notes.push(
        'The saved position of the interrupted pull had expired; its range was pulled again from the start.',
      );
      await pullSegment(ctx, segment, null);
    }
    ctx.tally.endSegment();
  }
}

async function pullSegment(
  ctx: FilterPullContext,
  segment: Segment,
  startToken: string | null,
): Promise<void> {
  const { positions, key, tally, chunker } = ctx;
  const spec = encodeSpec(segment.spec);
  // Saved before the first request, so a crash before the first chunk still leaves this range to resume.
  await positions.record(key, { lastEventTs: null, pending: { spec, token: startToken } });
  try {
    for await (const page of filterPages(ctx.client, ctx.call, segment.spec, startToken, ctx.options)) {
      tally.page(page.events);
      let maxTs: number | null = null;
      const lines: string[] = [];
      for (const event of page.events) {
        lines.push(eventSpoolLine(event.eventId, eventLine(event.message ?? '')));
        if (event.timestamp !== undefined && (maxTs === null || event.timestamp > maxTs))
          maxTs = event.timestamp;
      }
      await chunker.add(lines, maxTs);
      ctx.report();
      if (!chunker.full && page.nextToken !== null) continue;
      // Chunks end on page boundaries, so the page's nextToken is exactly where the next chunk starts.
      const committed = await chunker.flush();
      await positions.record(key, {
        lastEventTs: committed?.maxTs ?? null,
        pending: page.nextToken === null ? null : { spec, token: page.nextToken },
      });
      ctx.report(true);
    }
  } catch (error) {
    await chunker.discard();
    throw error;
  }
}
