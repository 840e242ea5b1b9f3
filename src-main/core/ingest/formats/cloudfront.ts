// Amazon CloudFront standard logs: W3C extended format, tab-separated, `#Version` and `#Fields`
// header lines naming the fields (a `#Fields` line mid-file, where files were concatenated,
// re-defines them). CloudFront URL-encodes the texts a client controls (and the content type);
// those are decoded once, which gives them back as sent (a path `%20` logged as `%2520` reads `%20`).
import { AttrsEncoder } from '../attrs.js';
import type { FormatDefinition, SessionRow } from '../types.js';
import { clip, count, port, RowError, requiredIp, utcMillis } from '../values.js';
import { completeLines } from './head-lines.js';
import { checkText, secondsToMs } from './http-request.js';
import { checkRecordText, LineRecordParser } from './line-records.js';
import { digitsIn } from './text-digits.js';
import { newWebRow, setHost, setRequestTime } from './web-row.js';

/** The standard log's fields in the order CloudFront documents (used when a file has no header). */
export const CLOUDFRONT_FIELDS = [
  'date',
  'time',
  'x-edge-location',
  'sc-bytes',
  'c-ip',
  'cs-method',
  'cs(Host)',
  'cs-uri-stem',
  'sc-status',
  'cs(Referer)',
  'cs(User-Agent)',
  'cs-uri-query',
  'cs(Cookie)',
  'x-edge-result-type',
  'x-edge-request-id',
  'x-host-header',
  'cs-protocol',
  'cs-bytes',
  'time-taken',
  'x-forwarded-for',
  'ssl-protocol',
  'ssl-cipher',
  'x-edge-response-result-type',
  'cs-protocol-version',
  'fle-status',
  'fle-encrypted-fields',
  'c-port',
  'time-to-first-byte',
  'x-edge-detailed-result-type',
  'sc-content-type',
  'sc-content-len',
  'sc-range-start',
  'sc-range-end',
];

/** Fields read into the session's own fields; every other field is kept as an attribute. */
const MAPPED = [
  'date',
  'time',
  'sc-bytes',
  'c-ip',
  'cs-method',
  'cs-uri-stem',
  'sc-status',
  'cs(Referer)',
  'cs(User-Agent)',
  'cs-uri-query',
  'x-edge-request-id',
  'x-host-header',
  'cs-protocol',
  'cs-bytes',
  'time-taken',
  'ssl-protocol',
  'ssl-cipher',
  'cs-protocol-version',
  'c-port',
] as const;
type Mapped = (typeof MAPPED)[number];
/**
 * Texts CloudFront URL-encodes: the request's texts, and also x-forwarded-for (the viewer's address
 * list when it came through a proxy, its `, ` separators logged `,%20` or `%2C%20`) and
 * sc-content-type (`text/html;%20charset=utf-8`). x-forwarded-for stays an attribute: c-ip is the
 * address that connected, and a forwarded list is the client's word, kept as the combined importer
 * keeps its X-Forwarded-For.
 */
const ENCODED = new Set([
  'cs-uri-stem',
  'cs-uri-query',
  'cs(Referer)',
  'cs(User-Agent)',
  'cs(Cookie)',
  'x-forwarded-for',
  'sc-content-type',
]);

interface Layout {
  width: number;
  origin: string;
  at: Record<Mapped, number>;
  extras: number[];
  extraNames: string[];
  attrs: AttrsEncoder;
}

export const cloudfront: FormatDefinition = {
  id: 'cloudfront',
  label: 'Amazon CloudFront standard log (W3C)',
  detect(head) {
    const lines = completeLines(head, 20);
    const fields = lines.find((line) => line.startsWith('#Fields:'));
    if (fields !== undefined)
      return fields.includes('x-edge-location') || fields.includes('x-edge-request-id') ? 1 : 0.3;
    if (lines.length === 0) return 0;
    let hits = 0;
    for (const line of lines) {
      const t = line.split('\t');
      if (t.length >= 20 && /^\d{4}-\d\d-\d\d$/.test(t[0] ?? '') && /^\d\d:\d\d:\d\d$/.test(t[1] ?? ''))
        hits++;
    }
    return (0.8 * hits) / lines.length;
  },
  createParser: () => new CloudfrontParser(),
};

class CloudfrontParser extends LineRecordParser {
  private layout = buildLayout(CLOUDFRONT_FIELDS, 'the standard log fields; this file has no #Fields line');
  private readonly extraValues: (string | undefined)[] = [];

  protected override directive(line: string, lineNo: number): boolean {
    if (line.charCodeAt(0) !== 35 /* # */) return false;
    if (line.startsWith('#Fields:')) {
      const names = line.slice(8).trim().split(/\s+/);
      if (!names.includes('date') || !names.includes('time') || !names.includes('c-ip'))
        throw new Error(`The #Fields line on line ${lineNo} lacks date, time or c-ip; sessions need them`);
      this.layout = buildLayout(names, `as named by #Fields on line ${lineNo}`);
    }
    return true; // #Version and other directives describe the file, they are not records
  }

  protected toRow(line: string, lineNo: number): SessionRow {
    checkRecordText(line);
    const c = this.layout;
    const t = line.split('\t');
    if (t.length !== c.width)
      throw new RowError(`expected ${c.width} fields (${c.origin}), found ${t.length}`);
    const get = (name: Mapped): string => (c.at[name] === -1 ? '-' : (t[c.at[name]] ?? '-'));
    const endTs = dateTime(get('date'), get('time'));
    const row = newWebRow(endTs, requiredIp(get('c-ip'), 'c-ip'), lineNo);
    const taken = secondsToMs(get('time-taken'), 'time-taken');
    if (taken !== null) row.startTs = endTs - Math.round(taken);
    setRequestTime(row, taken);
    row.srcPort = port(get('c-port'), 'c-port');
    row.method = value(get('cs-method'), 'cs-method');
    row.path = value(get('cs-uri-stem'), 'cs-uri-stem');
    row.query = value(get('cs-uri-query'), 'cs-uri-query');
    row.responseCode = count(get('sc-status'), 'sc-status');
    row.referrer = value(get('cs(Referer)'), 'cs(Referer)');
    row.userAgent = value(get('cs(User-Agent)'), 'cs(User-Agent)');
    // The Host header as the viewer sent it, a port included: the name alone, as every importer.
    setHost(row, value(get('x-host-header'), 'x-host-header'));
    row.protocol = value(get('cs-protocol'), 'cs-protocol');
    row.httpVersion = value(get('cs-protocol-version'), 'cs-protocol-version');
    row.bytesIn = count(get('cs-bytes'), 'cs-bytes');
    row.bytesOut = count(get('sc-bytes'), 'sc-bytes');
    row.tlsProtocol = value(get('ssl-protocol'), 'ssl-protocol');
    row.tlsCipher = value(get('ssl-cipher'), 'ssl-cipher');
    row.requestId = value(get('x-edge-request-id'), 'x-edge-request-id');
    // CloudFront names each request: the same request in any file is one session.
    row.eventId = row.requestId;
    const values = this.extraValues;
    values.length = c.extras.length;
    for (let k = 0; k < c.extras.length; k++) {
      const name = c.extraNames[k] ?? '';
      values[k] = value(t[c.extras[k] ?? 0] ?? '-', name) ?? undefined;
    }
    row.attrs = c.attrs.encode(values);
    return row;
  }
}

/** A field's text: `-` is missing; the URL-encoded ones decoded once. */
function value(raw: string, name: string): string | null {
  if (raw === '-' || raw === '') return null;
  checkText(raw, name);
  if (!ENCODED.has(name) || raw.indexOf('%') === -1) return raw;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return raw; // not a valid encoding: kept as logged
  }
  // A NUL or U+FFFD made by decoding (`%00`, `%EF%BF%BD`: a header sent with those bytes) would
  // quarantine the request for what the log does not hold; as logged, it is stored, as an Apache
  // log's `\x00` is. (Decoding only shortens a text: the length was checked on the raw one.)
  if (decoded.indexOf('\0') !== -1 || decoded.indexOf('\uFFFD') !== -1) return raw;
  return decoded;
}

/** `2019-12-04` and `21:02:31` (UTC) as epoch ms. */
function dateTime(date: string, time: string): number {
  if (date.length === 10 && time.length === 8 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const parts = [
      digitsIn(date, 0, 4),
      digitsIn(date, 5, 7),
      digitsIn(date, 8, 10),
      digitsIn(time, 0, 2),
      digitsIn(time, 3, 5),
      digitsIn(time, 6, 8),
    ] as const;
    const separators = time.charCodeAt(2) === 58 && time.charCodeAt(5) === 58;
    if (separators && Math.min(...parts) >= 0) {
      const ms = utcMillis(...parts);
      if (!Number.isNaN(ms)) return ms;
    }
  }
  throw new RowError(`date time: not a date and time: ${clip(`${date} ${time}`)}`);
}

function buildLayout(names: readonly string[], origin: string): Layout {
  const at = {} as Record<Mapped, number>;
  for (const name of MAPPED) at[name] = names.indexOf(name);
  const extras: number[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i] ?? '';
    if (!(MAPPED as readonly string[]).includes(name) || names.indexOf(name) !== i) extras.push(i);
  }
  const extraNames = extras.map((i) => names[i] ?? '');
  return { width: names.length, origin, at, extras, extraNames, attrs: new AttrsEncoder(extraNames) };
}
