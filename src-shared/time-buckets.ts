// Time buckets, chosen one way for every chart over time: the Overview's series, an IP's
// drill-down, a case's timeline in the app and in its report.
import { must } from './must.js';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * The steps a chart may take. No 30-minute step: from a few hours up, hour buckets let the hour
 * rollup answer (far fewer rows).
 */
export const BUCKET_LADDER: readonly number[] = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
];

/** The smallest step of `ladder` that draws `spanMs` in at most `maxPoints` buckets. */
export function bucketFor(
  spanMs: number,
  maxPoints: number,
  ladder: readonly number[] = BUCKET_LADDER,
): number {
  return ladder.find((size) => spanMs / size <= maxPoints) ?? must(ladder.at(-1), 'a step in the ladder');
}

/**
 * The Overview's charts over time share one axis (the filter's range, else every stored session's)
 * and one bucket: the smallest step that draws the axis in at most this many buckets.
 */
export const OVERVIEW_POINTS = 240;

/** The start of the `size`-ms bucket `t` falls in (UTC). */
export const bucketStart = (t: number, size: number): number => Math.floor(t / size) * size;

/** A case's timeline: hours up to three days, else days. */
export const caseTimelineBucket = (spanMs: number): number => bucketFor(spanMs, 72, [HOUR, DAY]);
