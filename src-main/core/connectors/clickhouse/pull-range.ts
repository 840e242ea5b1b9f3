// Where a pull with a fixed start (--from) got to, so that one stopped by a kill, a failure or a
// Cancel continues from there when it is run again, instead of fetching its range from the start.
// The selection's watermark cannot serve: it is the newest row any pull of the filter stored, and
// an earlier pull of a later range would make a resumed one skip rows it never fetched.
import type { TimeRange } from '../cloudwatch-logs/time-range.js';
import type { SourceWatermarks } from './pull.js';

type PullKey = { source: string; selector: string };

/**
 * The saved position of pulls of `key`'s filter that start at `start`: everything from `start` up
 * to (not including) the position is stored. Kept beside the watermarks under a selector no filter
 * text can be (it starts with a NUL), so `vigil source list` and `--new` never see it.
 */
export function rangeKeyOf(key: PullKey, start: number): PullKey {
  return { source: key.source, selector: `\u0000from ${start}\u0000${key.selector}` };
}

export type RangeStart =
  | { kind: 'fresh' }
  | { kind: 'resumed'; at: number }
  /** An earlier pull from this start got past this end: every row of the range is stored. */
  | { kind: 'complete' };

/** Where a pull of `asked` starts, given the saved position of pulls from its start. */
export async function rangeStart(
  watermarks: SourceWatermarks,
  rangeKey: PullKey,
  asked: TimeRange,
): Promise<RangeStart> {
  const position = await watermarks.get(rangeKey);
  if (position === null || position <= asked.start) return { kind: 'fresh' };
  if (position > asked.end) return { kind: 'complete' };
  return { kind: 'resumed', at: position };
}
