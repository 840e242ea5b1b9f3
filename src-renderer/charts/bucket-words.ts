// How a chart over time says what one bar counts: the axis names the bucket ("sessions per
// 5 min") and the tooltip its whole span, since the bucket size follows the range (1 min to
// 7 days) and a count read without it (1,200 sessions: per minute? per day?) says nothing.
import { DAY, HOUR, MINUTE } from '../../src-shared/time-buckets.js';
import { formatTimestamp } from '../format.js';

/** "per 5 min", "per hour", "per 3 h", "per day", "per 7 days". */
export function perBucket(bucketMs: number): string {
  if (bucketMs === MINUTE) return 'per minute';
  if (bucketMs === HOUR) return 'per hour';
  if (bucketMs === DAY) return 'per day';
  if (bucketMs % DAY === 0) return `per ${bucketMs / DAY} days`;
  if (bucketMs % HOUR === 0) return `per ${bucketMs / HOUR} h`;
  if (bucketMs % MINUTE === 0) return `per ${bucketMs / MINUTE} min`;
  return `per ${bucketMs / 1000} s`;
}

/** A bucket's span in UTC: "2024-04-25 19:00:00 – 20:00:00 UTC", the end's date only when it differs. */
export function bucketSpan(start: number, bucketMs: number): string {
  const from = formatTimestamp(start);
  const to = formatTimestamp(start + bucketMs);
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return `${from} – ${sameDay ? to.slice(11) : to} UTC`;
}
