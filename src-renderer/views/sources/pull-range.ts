// The time range a Pull into workspace covers: the filter's range when it has one, else the span of
// the matching rows the engine reported, so every row it counted is inside (the pull's default,
// the last 24 hours, would silently leave older matching rows behind).
import type { SessionFilter } from '../../../src-shared/domain.js';

export interface PullRange {
  from: number;
  to: number;
}

export function pullRange(
  filter: SessionFilter,
  matched: { firstTs: number | null; lastTs: number | null },
): PullRange | null {
  const from = filter.from ?? matched.firstTs;
  const to = filter.to ?? matched.lastTs;
  return from === null || to === null ? null : { from, to };
}

export const DEFAULT_PULL_LIMIT = 5_000_000;

/** The limit the analyst typed, or why it is not one ("5,000,000" and "5000000" both read). */
export function readLimit(text: string): number | string {
  const value = Number(text.replace(/[,_\s]/g, ''));
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000_000)
    return 'The row limit is a whole number from 1 to 1,000,000,000.';
  return value;
}

const MINUTE = 60_000;

/**
 * The workspace's time range that shows a finished pull: its range widened to whole minutes, the
 * finest bucket of the local rollups, whose Overview reads only whole buckets (an edge inside a
 * minute would leave that minute's pulled rows out of the counts).
 */
export function localRange(pulled: { rangeStart: number; rangeEnd: number }): PullRange {
  return {
    from: Math.floor(pulled.rangeStart / MINUTE) * MINUTE,
    to: Math.ceil((pulled.rangeEnd + 1) / MINUTE) * MINUTE,
  };
}
