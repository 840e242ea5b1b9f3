// Field parsers shared by every format. Each returns a value or throws a RowError whose message
// is the quarantine reason the analyst reads, so it names the field and what was wrong.
// Vigil's own check, not node:net's: node's takes an IPv6 zone (`::1%evil.example`), which the
// filters, IOC lists, the CLI and STIX's ipv6-addr all refuse, so such a client is quarantined.
import { isIP } from '../../../src-shared/ip.js';

export class RowError extends Error {}

export const MAX_FIELD_CHARS = 65_536;

/**
 * The texts a log writes for "no value" (an empty field, or the '-' nginx and Apache write): every
 * field stores them as missing. A ClickHouse source's text fields are read the same way
 * (connectors/clickhouse/mapping.ts), so a filter there selects what it selects here.
 */
export const MISSING_TEXTS: readonly string[] = ['', '-'];

/** Whether a field's text is no value (undefined: no such field); MISSING_TEXTS written out, as it runs per field of every row. */
export const isMissingText = (value: string | undefined): value is undefined | '' | '-' =>
  value === undefined || value === '' || value === '-';

export function text(value: string | undefined, field: string): string | null {
  if (isMissingText(value)) return null;
  if (value.length > MAX_FIELD_CHARS)
    throw new RowError(`${field}: longer than ${MAX_FIELD_CHARS} characters`);
  if (value.indexOf('\uFFFD') !== -1) throw new RowError(`${field}: invalid UTF-8`);
  refuseNul(value, field);
  return value;
}

/**
 * A NUL byte has no place in a text log's field: it marks a corrupt or crafted record. Such a record
 * is quarantined (raw text kept), never stored with the NUL stripped: stripping would change what
 * was logged, could make two different records equal, and would hide the tampering from the analyst.
 */
export function refuseNul(value: string, field: string): void {
  if (value.indexOf('\0') !== -1) throw new RowError(`${field}: contains a NUL byte`);
}

export function requiredIp(value: string | undefined, field: string): string {
  const ip = optionalIp(value, field);
  if (ip === null) throw new RowError(`${field}: missing`);
  return ip;
}

export function optionalIp(value: string | undefined, field: string): string | null {
  if (isMissingText(value)) return null;
  const trimmed = value.length < 50 ? value.trim() : value;
  if (!isDottedQuad(trimmed) && !isIP(trimmed))
    throw new RowError(`${field}: not an IP address: ${clip(value)}`);
  return trimmed;
}

/**
 * The common case, IPv4 in the form `isIP` accepts (0–255, no leading zeros), checked by hand:
 * the full check is a regular expression, a noticeable share of the parser's time at two IPs per
 * row. False sends the value to `isIP` (IPv6, or the error).
 */
export function isDottedQuad(v: string): boolean {
  const n = v.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let i = 0;
  while (i < n) {
    const start = i;
    let octet = 0;
    while (i < n) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      octet = octet * 10 + d;
      i++;
    }
    const length = i - start;
    if (length === 0 || length > 3 || octet > 255 || (length > 1 && v.charCodeAt(start) === 48)) return false;
    parts++;
    if (i === n) break;
    if (v.charCodeAt(i) !== 46 || parts === 4) return false;
    i++;
    if (i === n) return false;
  }
  return parts === 4;
}

/** Non-negative integer (bytes, packets, counts); '' and '-' are missing. */
export function count(value: string | undefined, field: string): number | null {
  if (isMissingText(value)) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || !Number.isInteger(n))
    throw new RowError(`${field}: not a whole number: ${clip(value)}`);
  if (n < 0) throw new RowError(`${field}: negative (${n})`);
  if (n > Number.MAX_SAFE_INTEGER) throw new RowError(`${field}: too large`);
  return n;
}

export function port(value: string | undefined, field: string): number | null {
  const n = count(value, field);
  if (n !== null && n > 65535) throw new RowError(`${field}: port out of range (${n})`);
  return n;
}

export type TimestampFormat = 'iso' | 'epoch-s' | 'epoch-ms' | 'auto';

// Epoch values below this are read as seconds, above as milliseconds (year 2286 in seconds).
const EPOCH_MS_THRESHOLD = 10_000_000_000;

/** Parses ISO-8601 (with zone, or UTC when none), epoch seconds or epoch milliseconds. */
export function timestamp(
  value: string | undefined,
  field: string,
  format: TimestampFormat = 'auto',
): number {
  if (isMissingText(value)) throw new RowError(`${field}: missing`);
  if (value.length === 20 && format !== 'epoch-s' && format !== 'epoch-ms') {
    const fast = isoSecondsUtc(value, field);
    if (fast !== null) return fast;
  }
  let ms: number;
  const numeric = /^\d+(\.\d+)?$/.test(value);
  if (numeric && format !== 'iso') {
    const n = Number(value);
    ms = format === 'epoch-s' || (format === 'auto' && n < EPOCH_MS_THRESHOLD) ? n * 1000 : n;
  } else if (!numeric && format !== 'epoch-s' && format !== 'epoch-ms') {
    ms = Date.parse(hasZone(value) ? value : `${value}Z`);
  } else {
    throw new RowError(`${field}: expected ${format} timestamp: ${clip(value)}`);
  }
  if (!Number.isFinite(ms)) throw new RowError(`${field}: not a timestamp: ${clip(value)}`);
  return Math.round(ms);
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ`, the shape nearly every AWS export uses, parsed by hand: several times
 * faster than Date.parse, which matters at two timestamps per row. Anything else returns null
 * and takes the general path.
 */
function isoSecondsUtc(v: string, field: string): number | null {
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58)
    return null;
  if (v.charCodeAt(16) !== 58 || v.charCodeAt(19) !== 90) return null;
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  const hour = digits(v, 11, 2);
  const minute = digits(v, 14, 2);
  const second = digits(v, 17, 2);
  if ((year | month | day | hour | minute | second) < 0) return null;
  const ms = utcMillis(year, month, day, hour, minute, second);
  if (Number.isNaN(ms)) throw new RowError(`${field}: not a valid date and time: ${v}`);
  return ms;
}

// Logs hold long runs of one day, so the day's start is remembered: a row then costs a sum, not a
// Date call.
let cachedDate = -1;
let cachedDayMs = 0;

/** Milliseconds of a UTC date and time given by its parts; NaN when there is no such moment. */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const date = year * 10_000 + month * 100 + day;
  if (date !== cachedDate) {
    // Date.parse would roll 2024-02-31 over into March; an analyst wants to hear about such a value.
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
    // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
    cachedDayMs = new Date(0).setUTCFullYear(year, month - 1, day);
    cachedDate = date;
  }
  return cachedDayMs + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digits(v: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function hasZone(value: string): boolean {
  const last = value.charCodeAt(value.length - 1);
  if (last === 90 || last === 122) return true; // Z or z
  return /[+-]\d\d:?\d\d$/.test(value) && value.indexOf('T') !== -1;
}

export function checkSpan(startTs: number, endTs: number): void {
  if (endTs < startTs)
    throw new RowError(
      `end before start (${new Date(endTs).toISOString()} < ${new Date(startTs).toISOString()})`,
    );
}

export function clip(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
