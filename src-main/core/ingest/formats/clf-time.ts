// The Common Log Format time, `10/Oct/2000:13:55:36 -0700` (Apache `%t`, nginx `$time_local`),
// read by hand: it is in every line of an access log, and Date.parse does not read this shape.
import { utcMillis } from '../values.js';
import { digitsIn } from './text-digits.js';

// "Jan" … "Dec" as (c0 << 16 | c1 << 8 | c2), upper or lower case letters as written.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(
  (name) => (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2),
);

/**
 * Epoch ms of the CLF time in text[from, to) (without its brackets), or NaN when it is not one.
 * A fraction of a second after the seconds (`:36.123`) is read too, as some servers write it.
 */
export function clfTime(text: string, from: number, to: number): number {
  // dd/Mon/yyyy:HH:MM:SS[.fff] ±hhmm
  if (to - from < 26) return Number.NaN;
  if (text.charCodeAt(from + 2) !== 47 || text.charCodeAt(from + 6) !== 47) return Number.NaN;
  if (text.charCodeAt(from + 11) !== 58 || text.charCodeAt(from + 14) !== 58) return Number.NaN;
  if (text.charCodeAt(from + 17) !== 58) return Number.NaN;
  const day = digitsIn(text, from, from + 2);
  const month = monthOf(text, from + 3);
  const year = digitsIn(text, from + 7, from + 11);
  const hour = digitsIn(text, from + 12, from + 14);
  const minute = digitsIn(text, from + 15, from + 17);
  const second = digitsIn(text, from + 18, from + 20);
  if ((day | month | year | hour | minute | second) < 0) return Number.NaN;
  let at = from + 20;
  let fraction = 0;
  if (text.charCodeAt(at) === 46 /* . */) {
    let scale = 100;
    at++;
    while (at < to && isDigit(text.charCodeAt(at))) {
      fraction += (text.charCodeAt(at) - 48) * scale;
      scale /= 10;
      at++;
    }
  }
  if (to - at !== 6 || text.charCodeAt(at) !== 32) return Number.NaN;
  const sign = text.charCodeAt(at + 1);
  const zoneHours = digitsIn(text, at + 2, at + 4);
  const zoneMinutes = digitsIn(text, at + 4, at + 6);
  if ((sign !== 43 && sign !== 45) || (zoneHours | zoneMinutes) < 0 || zoneMinutes > 59) return Number.NaN;
  const local = utcMillis(year, month, day, hour, minute, second);
  if (Number.isNaN(local)) return Number.NaN;
  const offset = (zoneHours * 60 + zoneMinutes) * 60_000;
  return Math.round(local + fraction) + (sign === 43 ? -offset : offset);
}

function monthOf(text: string, at: number): number {
  const key = (text.charCodeAt(at) << 16) | (text.charCodeAt(at + 1) << 8) | text.charCodeAt(at + 2);
  const index = MONTHS.indexOf(key);
  return index === -1 ? -1 : index + 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
