// The Combined Log Format's fast lane. Nearly every line of a web server's access log is plain
// ASCII in exactly the Combined shape, and its texts repeat: a few thousand clients, user agents,
// referrers and paths over millions of lines. Such a line is read here with one pass of native
// searches over its text, its time by hand, and its repeated texts found in per-column caches by
// their bytes (value-cache.ts), so no string is made for a value seen before. Anything it is not
// sure of (another shape, an escape, an odd request line, a value that fails validation) makes it
// answer null, and the line is read the general way (combined-row.ts), which words the quarantine
// reason. So both lanes store the same rows (a test holds them to it), and only the general one
// ever refuses a line.
import { isIP } from 'node:net';
import type { SessionRow } from '../types.js';
import { NOT_CACHED, ValueCache } from '../value-cache.js';
import { isDottedQuad, MAX_FIELD_CHARS, RowError } from '../values.js';
import { clfTime } from './clf-time.js';
import type { ClfAttrs } from './combined-row.js';
import { checkText, isHttpVersion } from './http-request.js';
import { digitsIn } from './text-digits.js';
import { newWebRow } from './web-row.js';

// Only what an IPv4 or IPv6 address is written with: no zone, nothing the general lane would trim.
const ADDRESS = /^[0-9A-Fa-f:.]+$/;

/** A client address as the general lane accepts it (requiredIp), IPv6 included. */
function client(raw: string): string {
  if (!isDottedQuad(raw) && !(ADDRESS.test(raw) && isIP(raw) !== 0)) throw new RowError('client');
  return raw;
}

/** A method the fast lane reads: upper-case letters (CONNECT, whose target is no path, aside). */
function plainMethod(raw: string): string {
  if (raw === 'CONNECT' || raw.length > 16 || !/^[A-Z]+$/.test(raw)) throw new RowError('method');
  return raw;
}

function version(raw: string): string {
  if (!isHttpVersion(raw, 0)) throw new RowError('version');
  return raw;
}

/** A quoted text where `-` and `` mean none. */
function quoted(field: string): (raw: string) => string | null {
  return (raw) => {
    if (raw === '-' || raw === '') return null;
    checkText(raw, field);
    return raw;
  };
}

function user(raw: string): string {
  // Starting with a quote or a bracket, the general lane reads the field another way.
  const first = raw.charCodeAt(0);
  if (first === 34 || first === 91) throw new RowError('user');
  checkText(raw, 'user');
  return raw;
}

function path(raw: string): string {
  checkText(raw, 'request');
  return raw;
}

/** A cache that stops caching while its column's values hardly repeat (this lane keys on no slot). */
function passingCache<T>(normalize: (raw: string) => T): ValueCache<T> {
  return new ValueCache(normalize, undefined, undefined, true);
}

export class CombinedFastLine {
  // Clients repeat (a visitor's page brings its assets): one string per address, validated once.
  // A public server's clients may outnumber a cache, which then passes them through (value-cache.ts).
  private readonly clients = passingCache(client);
  private readonly users = passingCache(user);
  private readonly methods = new ValueCache(plainMethod);
  private readonly paths = passingCache(path);
  private readonly versions = new ValueCache(version);
  private readonly referrers = passingCache(quoted('referrer'));
  private readonly agents = passingCache(quoted('user-agent'));

  constructor(private readonly attrs: ClfAttrs) {}

  /**
   * The row of a plain ASCII Combined line, or null when it must be read the general way. `line`
   * is its text and `bytes[at, at + line.length)` the same characters as bytes.
   */
  read(line: string, bytes: Buffer, at: number, lineNo: number): SessionRow | null {
    const n = line.length;
    if (line.indexOf('\\') !== -1 || line.indexOf('\0') !== -1) return null;
    // client - user [time] "METHOD /target HTTP/x.y" status bytes "referrer" "user agent"
    let end = line.indexOf(' ');
    if (end <= 0) return null;
    const clientSlot = this.clients.find(bytes, at, at + end);
    if (clientSlot === NOT_CACHED) return null;
    if (line.charCodeAt(end + 1) !== 45 || line.charCodeAt(end + 2) !== 32) return null;
    let from = end + 3;
    end = line.indexOf(' ', from);
    if (end === -1) return null;
    let userSlot = -2;
    if (end - from !== 1 || line.charCodeAt(from) !== 45) {
      userSlot = this.users.find(bytes, at + from, at + end);
      if (userSlot === NOT_CACHED) return null;
    }
    from = end + 1;
    if (line.charCodeAt(from) !== 91) return null;
    const close = line.indexOf(']', from);
    if (close === -1) return null;
    const startTs = clfTime(line, from + 1, close);
    if (Number.isNaN(startTs)) return null;
    if (line.charCodeAt(close + 1) !== 32 || line.charCodeAt(close + 2) !== 34) return null;
    // The request line: three words, the target a path.
    from = close + 3;
    const requestEnd = line.indexOf('"', from);
    if (requestEnd === -1 || line.charCodeAt(requestEnd + 1) !== 32) return null;
    if (requestEnd - from > MAX_FIELD_CHARS) return null;
    const methodEnd = line.indexOf(' ', from);
    if (methodEnd === -1 || methodEnd >= requestEnd) return null;
    const targetEnd = line.indexOf(' ', methodEnd + 1);
    if (targetEnd === -1 || targetEnd >= requestEnd) return null;
    if (line.indexOf(' ', targetEnd + 1) < requestEnd) return null;
    if (line.charCodeAt(methodEnd + 1) !== 47 /* / */) return null;
    const method = this.methods.find(bytes, at + from, at + methodEnd);
    const versionSlot = this.versions.find(bytes, at + targetEnd + 1, at + requestEnd);
    if (method === NOT_CACHED || versionSlot === NOT_CACHED) return null;
    const question = line.indexOf('?', methodEnd + 1);
    const pathEnd = question === -1 || question > targetEnd ? targetEnd : question;
    const pathSlot = this.paths.find(bytes, at + methodEnd + 1, at + pathEnd);
    if (pathSlot === NOT_CACHED) return null;
    // Status and bytes.
    from = requestEnd + 2;
    if (line.charCodeAt(from + 3) !== 32) return null;
    const status = digitsIn(line, from, from + 3);
    if (status < 0) return null;
    from += 4;
    end = line.indexOf(' ', from);
    if (end === -1) return null;
    // `-` is CLF's "no bytes sent"; more than 15 digits could pass 2^53 (the general lane says so).
    const dash = end - from === 1 && line.charCodeAt(from) === 45;
    if (!dash && (end - from > 15 || end === from)) return null;
    const sent = dash ? 0 : digitsIn(line, from, end);
    if (sent < 0) return null;
    // "referrer" "user agent", and nothing after.
    if (line.charCodeAt(end + 1) !== 34) return null;
    from = end + 2;
    const referrerEnd = line.indexOf('"', from);
    if (
      referrerEnd === -1 ||
      line.charCodeAt(referrerEnd + 1) !== 32 ||
      line.charCodeAt(referrerEnd + 2) !== 34
    )
      return null;
    const agentFrom = referrerEnd + 3;
    if (line.indexOf('"', agentFrom) !== n - 1) return null;
    const referrer = this.referrers.find(bytes, at + from, at + referrerEnd);
    const agent = this.agents.find(bytes, at + agentFrom, at + n - 1);
    if (referrer === NOT_CACHED || agent === NOT_CACHED) return null;

    const row = newWebRow(startTs, this.clients.value(clientSlot), lineNo);
    row.method = this.methods.value(method);
    row.path = this.paths.value(pathSlot);
    row.query =
      question === -1 || question > targetEnd || question + 1 === targetEnd
        ? null
        : line.slice(question + 1, targetEnd);
    row.httpVersion = this.versions.value(versionSlot);
    row.responseCode = status;
    row.bytesOut = sent;
    row.referrer = this.referrers.value(referrer);
    row.userAgent = this.agents.value(agent);
    row.attrs = this.attrs.encode(null, userSlot === -2 ? null : this.users.value(userSlot), null);
    return row;
  }
}
