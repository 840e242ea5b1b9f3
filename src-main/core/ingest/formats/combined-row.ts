// One line of a Common or Combined Log Format access log (Apache `common`/`combined`/
// `vhost_combined`, nginx `combined`) read the general way: any spacing, escapes, an optional
// virtual host before the client, and whatever servers append after the user agent (request time,
// upstream time, `key=value` pairs, X-Forwarded-For). The fast lane (combined-fast-line.ts) reads
// the plain lines of a file and hands every other line here.
import net from 'node:net';
import { AttrsEncoder } from '../attrs.js';
import type { SessionRow } from '../types.js';
import { clip, optionalIp, RowError, requiredIp } from '../values.js';
import { clfTime } from './clf-time.js';
import { BARE, BRACKETED, ClfTokens, QUOTED } from './clf-tokens.js';
import {
  checkText,
  emptyRequest,
  hostOf,
  portOf,
  secondsToMs,
  splitRequestLine,
  unescapeLogText,
} from './http-request.js';
import { checkRecordText } from './line-records.js';
import { newWebRow, setRequest, setRequestTime } from './web-row.js';

const DURATION = /^\d+\.\d+$/;
const NAMED = /^[A-Za-z_][\w.-]*=/;
/**
 * A quoted field that is X-Forwarded-For: addresses (and `unknown`, which proxies write for a hop
 * they could not name), comma-separated, at least one a real address. Times such as
 * `"0.100, 0.400"` (an upstream time per server tried) are digits and dots too, and are not.
 */
function isAddressList(text: string): boolean {
  let addresses = 0;
  for (const item of text.split(',')) {
    const value = item.trim();
    if (net.isIP(value) !== 0) addresses++;
    else if (value.toLowerCase() !== 'unknown') return false;
  }
  return addresses > 0;
}
const REQUEST_TIME_KEYS = new Set(['rt', 'request_time']);

/** Builds the `attrs` JSON of a CLF line; shared by both lanes so they give the same text. */
export class ClfAttrs {
  private readonly plain = new AttrsEncoder(['ident', 'user']);
  private readonly pair: (string | undefined)[] = [undefined, undefined];

  /** `extras` are [name, value] pairs read after the standard fields (none on most lines). */
  encode(ident: string | null, user: string | null, extras: [string, string][] | null): string | null {
    if (extras === null || extras.length === 0) {
      this.pair[0] = ident ?? undefined;
      this.pair[1] = user ?? undefined;
      return this.plain.encode(this.pair);
    }
    const all: Record<string, string> = {};
    if (ident !== null) all.ident = ident;
    if (user !== null) all.user = user;
    for (const [name, value] of extras) if (!(name in all)) all[name] = value;
    return JSON.stringify(all);
  }
}

/** A logged value where `-` means none. */
function orNull(value: string): string | null {
  return value === '-' || value === '' ? null : value;
}

export class CombinedRowReader {
  private readonly tokens = new ClfTokens();
  private readonly request = emptyRequest();

  constructor(private readonly attrs: ClfAttrs) {}

  /** The row of `line`; throws RowError with the quarantine reason when it cannot be one. */
  read(line: string, lineNo: number): SessionRow {
    checkRecordText(line);
    const t = this.tokens;
    const problem = t.read(line);
    if (problem !== null) throw new RowError(problem);
    const value = (i: number) => line.slice(t.starts[i], t.ends[i]);
    let time = -1;
    for (let i = 0; i < t.count && i < 6; i++) {
      if (t.kinds[i] === BRACKETED) {
        time = i;
        break;
      }
    }
    if (time !== 3 && time !== 4) {
      throw new RowError(
        'not a Common/Combined Log Format line: expected `client ident user [time] "request" status bytes`',
      );
    }
    if (t.count < time + 4 || t.kinds[time + 1] !== QUOTED) {
      throw new RowError(
        'not a Common/Combined Log Format line: expected "request", status and bytes after [time]',
      );
    }
    for (let i = 0; i < time; i++)
      if (t.kinds[i] !== BARE) throw new RowError(`field ${i + 1}: expected a bare word`);
    const startTs = clfTime(line, t.starts[time] ?? 0, t.ends[time] ?? 0);
    if (Number.isNaN(startTs))
      throw new RowError(`time: not a [day/Mon/year:hh:mm:ss zone] time: ${clip(value(time))}`);
    const row = newWebRow(startTs, requiredIp(value(time - 3), 'client'), lineNo);
    if (time === 4) this.readVirtualHost(value(0), row);
    const ident = orNull(value(time - 2));
    const user = orNull(value(time - 1));
    if (ident !== null) checkText(ident, 'ident');
    if (user !== null) checkText(user, 'user');
    splitRequestLine(value(time + 1), this.request, 'request');
    setRequest(row, this.request);
    row.responseCode = status(value(time + 2));
    row.bytesOut = responseBytes(value(time + 3));
    let next = time + 4;
    if (next + 1 < t.count && t.kinds[next] === QUOTED && t.kinds[next + 1] === QUOTED) {
      row.referrer = quotedText(value(next), 'referrer');
      row.userAgent = quotedText(value(next + 1), 'user-agent');
      next += 2;
    }
    let extras: [string, string][] | null = null;
    let requestTime: number | null = null;
    let unnamed = 0;
    for (let i = next; i < t.count; i++) {
      const first = i;
      i = listEnd(line, t, first);
      const text = line.slice(t.starts[first], t.ends[i]);
      unnamed++;
      if (text === '-' || text === '') continue;
      checkText(text, `field ${first + 1}`);
      let name: string;
      let content = text;
      if (t.kinds[first] === BARE && NAMED.test(text)) {
        const eq = text.indexOf('=');
        name = text.slice(0, eq);
        content = stripQuotes(text.slice(eq + 1));
        if (content === '-' || content === '') continue;
        if (REQUEST_TIME_KEYS.has(name) && requestTime === null) {
          requestTime = secondsToMs(content, name);
          continue;
        }
      } else if (t.kinds[first] === BARE && requestTime === null && DURATION.test(text)) {
        // nginx's `$request_time` (or `$upstream_response_time`) appended to the line.
        requestTime = secondsToMs(text, 'request time');
        continue;
      } else if (t.kinds[first] === QUOTED && isAddressList(text)) {
        name = 'x_forwarded_for';
      } else {
        name = `extra${unnamed}`;
        content = unescapeLogText(text);
      }
      extras ??= [];
      extras.push([name, content]);
    }
    setRequestTime(row, requestTime);
    row.attrs = this.attrs.encode(ident, user, extras);
    return row;
  }

  /** Apache's `%v:%p` (or nginx's `$host`) before the client: the host asked for, and its port. */
  private readVirtualHost(vhost: string, row: SessionRow): void {
    if (vhost === '-') return;
    checkText(vhost, 'virtual host');
    row.host = hostOf(vhost);
    row.dstPort = portOf(vhost);
    // A virtual host written as an address is also the server's address.
    if (row.host !== null && optionalIpOrNull(row.host) !== null) row.dstIp = row.host;
  }
}

/**
 * The last token of the field starting at token `i`: nginx writes an upstream list unquoted
 * (`$upstream_response_time` as `3.001, 0.002`, or `3.001 : 0.002` across a redirect), and read
 * a word at a time its last time would pass for the request time.
 */
function listEnd(line: string, t: ClfTokens, i: number): number {
  let j = i;
  while (j + 1 < t.count && t.kinds[j] === BARE && t.kinds[j + 1] === BARE) {
    const nextIsColon = line.slice(t.starts[j + 1], t.ends[j + 1]) === ':';
    if (line.charCodeAt((t.ends[j] ?? 0) - 1) === 44) j += 1;
    else if (nextIsColon && j + 2 < t.count && t.kinds[j + 2] === BARE) j += 2;
    else break;
  }
  return j;
}

function optionalIpOrNull(value: string): string | null {
  try {
    return optionalIp(value, 'host');
  } catch {
    return null;
  }
}

function stripQuotes(value: string): string {
  return value.length >= 2 && value.charCodeAt(0) === 34 && value.charCodeAt(value.length - 1) === 34
    ? value.slice(1, -1)
    : value;
}

function quotedText(value: string, field: string): string | null {
  if (value === '-' || value === '') return null;
  checkText(value, field);
  return unescapeLogText(value);
}

/**
 * The status code: three digits (`-` when the server logged none). A request the server answered
 * with no status (the client went away first) is written `000` by some servers and `0` by others:
 * both are the same real request and both read as 0, so a log is not half quarantined for it.
 */
export function status(value: string): number | null {
  if (value === '-') return null;
  const n = value.length === 3 || value === '0' ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) throw new RowError(`status: not a status code: ${clip(value)}`);
  return n;
}

/** Response bytes; CLF writes `-` for none sent (Apache `%b`), which is 0. */
export function responseBytes(value: string): number {
  if (value === '-') return 0;
  let n = 0;
  if (value.length === 0 || value.length > 15) throw new RowError(`bytes: not a byte count: ${clip(value)}`);
  for (let i = 0; i < value.length; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RowError(`bytes: not a byte count: ${clip(value)}`);
    n = n * 10 + d;
  }
  return n;
}
