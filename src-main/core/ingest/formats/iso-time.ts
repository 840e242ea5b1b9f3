// `2018-07-02T22:23:00.186641Z` (ALB, Suricata without a zone, Zeek JSON) read by hand, with any
// number of fraction digits, falling back to values.ts for every other shape.
import { RowError, type TimestampFormat, timestamp, utcMillis } from '../values.js';
import { digitsIn } from './text-digits.js';

/** Epoch ms (rounded) of an ISO-8601 UTC time; throws RowError naming `field` when it is not one. */
export function isoTime(value: string, field: string, fallback: TimestampFormat = 'iso'): number {
  const fast = isoUtc(value);
  if (!Number.isNaN(fast)) return fast;
  if (value === '-' || value === '') throw new RowError(`${field}: missing`);
  return timestamp(value, field, fallback);
}

function isoUtc(v: string): number {
  const n = v.length;
  if (n < 20 || v.charCodeAt(n - 1) !== 90 /* Z */) return Number.NaN;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84) return Number.NaN;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return Number.NaN;
  const year = digitsIn(v, 0, 4);
  const month = digitsIn(v, 5, 7);
  const day = digitsIn(v, 8, 10);
  const hour = digitsIn(v, 11, 13);
  const minute = digitsIn(v, 14, 16);
  const second = digitsIn(v, 17, 19);
  if ((year | month | day | hour | minute | second) < 0) return Number.NaN;
  let fraction = 0;
  if (n > 20) {
    if (v.charCodeAt(19) !== 46) return Number.NaN;
    let scale = 100;
    for (let i = 20; i < n - 1; i++) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      fraction += d * scale;
      scale /= 10;
    }
  }
  const ms = utcMillis(year, month, day, hour, minute, second);
  return Number.isNaN(ms) ? ms : Math.round(ms + fraction);
}
