import { DURATION_PATTERN } from '../../../../src-shared/cloudwatch.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 };

export function parseDuration(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  const unitMs = match ? UNIT_MS[match[2] ?? ''] : undefined;
  if (!match || unitMs === undefined) throw new Error(`"${text}" is not a duration such as 30m, 24h or 7d.`);
  return Number(match[1]) * unitMs;
}

export const DEFAULT_SINCE = '24h';
// CloudWatch can receive an event minutes after its timestamp (VPC Flow Logs publish each
// aggregation window late), so "new since last time" looks back this far; the pipeline's
// de-duplication drops what was already stored.
export const DEFAULT_OVERLAP = '10m';

export interface TimeRange {
  /** Inclusive epoch ms. */
  start: number;
  end: number;
}

export interface RangeRequest {
  since?: string;
  from?: number;
  to?: number;
  newOnly?: boolean;
  overlap?: string;
}

/**
 * The range to pull: up to `to` (default now); from the last pulled event minus the overlap for
 * `newOnly` once there is one, else from `from`, else `since` (default 24h) before the end.
 */
export function resolveRange(request: RangeRequest, lastEventTs: number | null, now: number): TimeRange {
  const end = request.to ?? now;
  let start: number;
  if (request.newOnly && lastEventTs !== null)
    start = Math.max(0, lastEventTs - parseDuration(request.overlap ?? DEFAULT_OVERLAP));
  else if (request.from !== undefined) start = request.from;
  else start = Math.max(0, end - parseDuration(request.since ?? DEFAULT_SINCE));
  if (start > end)
    throw new Error(
      `Nothing to pull: the range starts at ${new Date(start).toISOString()}, after its end ${new Date(end).toISOString()}.`,
    );
  return { start, end };
}
