// The HTTP request as web servers and load balancers log it: the request line split into method,
// target and version, the target into host, path and query. Shared by every access-log importer
// so that `GET /a?b HTTP/1.1` gives the same fields whichever log it came from.
//
// A line that is not `METHOD TARGET VERSION` is real traffic all the same (a TLS handshake sent to
// a plain-HTTP port, a scanner's garbage, a request cut short): its session keeps the raw text in
// `requestLine`, with whatever parts could still be told apart, and is never refused for it.
import { MAX_FIELD_CHARS, RowError } from '../values.js';

/** The parts of one request; reused from row to row by each parser (copied into the row). */
export interface RequestParts {
  method: string | null;
  host: string | null;
  path: string | null;
  query: string | null;
  httpVersion: string | null;
  /** The request as logged, only when it is not a valid `METHOD TARGET VERSION`. */
  requestLine: string | null;
}

export function emptyRequest(): RequestParts {
  return { method: null, host: null, path: null, query: null, httpVersion: null, requestLine: null };
}

function clear(out: RequestParts): void {
  out.method = null;
  out.host = null;
  out.path = null;
  out.query = null;
  out.httpVersion = null;
  out.requestLine = null;
}

/**
 * Splits a logged request line (`GET /x?y HTTP/1.1`) into `out`. `-` and the empty string are no
 * request at all (a connection closed before one arrived). `field` names it in a quarantine reason,
 * which only a NUL byte, invalid UTF-8 or an over-long value gives.
 */
export function splitRequestLine(raw: string, out: RequestParts, field: string): void {
  clear(out);
  if (raw === '' || raw === '-') return;
  checkText(raw, field);
  const first = raw.indexOf(' ');
  if (first <= 0 || !isMethod(raw, first)) {
    out.requestLine = raw;
    return;
  }
  const method = unescapeLogText(raw.slice(0, first));
  const last = raw.lastIndexOf(' ');
  let target: string;
  let valid = false;
  if (last > first && isHttpVersion(raw, last + 1)) {
    out.httpVersion = raw.slice(last + 1);
    target = raw.slice(first + 1, last);
    valid = target.length > 0 && target.indexOf(' ') === -1;
  } else {
    // HTTP/0.9 (`GET /`), or a version that is not one: the rest is the target.
    target = raw.slice(first + 1);
  }
  out.method = method;
  if (!valid) out.requestLine = raw;
  splitTarget(unescapeLogText(target), method, out);
}

/**
 * Splits a request target into host (absolute form, `http://host:port/path`, and CONNECT's
 * `host:port`), path and query (after the first `?`, without it). Values stay as sent: no
 * percent-decoding, so `%2e%2e/` reads as the attacker wrote it.
 */
export function splitTarget(target: string, method: string | null, out: RequestParts): void {
  if (target === '') return;
  let pathStart = 0;
  const scheme = schemeEnd(target);
  if (scheme !== -1) {
    const authorityStart = scheme + 3;
    let end = authorityStart;
    while (end < target.length) {
      const c = target.charCodeAt(end);
      if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break;
      end++;
    }
    out.host = hostOf(target.slice(authorityStart, end));
    pathStart = end;
    if (pathStart === target.length) {
      out.path = '/';
      return;
    }
  } else if (method === 'CONNECT') {
    out.host = hostOf(target);
    return;
  }
  const question = target.indexOf('?', pathStart);
  if (question === -1) {
    out.path = pathStart === 0 ? target : target.slice(pathStart);
    return;
  }
  out.path = question === pathStart ? '/' : target.slice(pathStart, question);
  out.query = question + 1 === target.length ? null : target.slice(question + 1);
}

/** A URL authority without user info or port (`user@[::1]:8080` → `::1`). */
export function hostOf(authority: string): string | null {
  let host = authority;
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    return close === -1 ? host : host.slice(1, close);
  }
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && host.indexOf(':') === colon) host = host.slice(0, colon);
  return host === '' ? null : host;
}

/**
 * The port of a URL authority (`host:8080`, `[::1]:8443`), or null: none, not a port, or a bare
 * IPv6 address (`2001:db8::1`, whose last group is no port).
 */
export function portOf(authority: string): number | null {
  const colon = authority.lastIndexOf(':');
  const close = authority.lastIndexOf(']');
  if (colon <= close || colon + 1 === authority.length) return null;
  if (close === -1 && authority.indexOf(':') !== colon) return null;
  const digits = authority.length - colon - 1;
  if (digits > 5) return null;
  let port = 0;
  for (let i = colon + 1; i < authority.length; i++) {
    const c = authority.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    port = port * 10 + c;
  }
  return port <= 65535 ? port : null;
}

/** The index of `://` after a URL scheme at the start of `target`, or -1. */
function schemeEnd(target: string): number {
  const colon = target.indexOf('://');
  if (colon <= 0 || colon > 16) return -1;
  for (let i = 0; i < colon; i++) {
    const c = target.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!letter && (i === 0 || !((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46))) return -1;
  }
  return colon;
}

/** True when raw[0, end) is an HTTP method token (RFC 9110 `tchar`s). */
function isMethod(raw: string, end: number): boolean {
  if (end > 32) return false;
  for (let i = 0; i < end; i++) if (!isTokenChar(raw.charCodeAt(i))) return false;
  return true;
}

function isTokenChar(c: number): boolean {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true;
  // ! # $ % & ' * + - . ^ _ ` | ~
  return (
    c === 33 ||
    (c >= 35 && c <= 39) ||
    c === 42 ||
    c === 43 ||
    c === 45 ||
    c === 46 ||
    c === 94 ||
    c === 95 ||
    c === 96 ||
    c === 124 ||
    c === 126
  );
}

/** `HTTP/1.1`, `HTTP/2.0`, `HTTP/2`, `HTTP/3` at raw[from …] to the end. */
export function isHttpVersion(raw: string, from: number): boolean {
  const n = raw.length - from;
  if (n !== 6 && n !== 8) return false;
  if (!raw.startsWith('HTTP/', from)) return false;
  const major = raw.charCodeAt(from + 5);
  if (major < 48 || major > 57) return false;
  if (n === 6) return true;
  const minor = raw.charCodeAt(from + 7);
  return raw.charCodeAt(from + 6) === 46 && minor >= 48 && minor <= 57;
}

/**
 * Undoes the escapes Apache and nginx write into logged text where they stand for printable
 * characters: `\"` and `\\` (Apache), `\xHH` for a byte from space to `~` (nginx writes `"` as
 * `\x22`). Escapes of control bytes and of bytes over 127 stay as written: they are what tells the
 * analyst that such bytes were sent, and undone they would be invalid text.
 */
export function unescapeLogText(value: string): string {
  if (value.indexOf('\\') === -1) return value;
  let out = '';
  let from = 0;
  for (let i = value.indexOf('\\'); i !== -1 && i < value.length - 1; i = value.indexOf('\\', i)) {
    const next = value.charCodeAt(i + 1);
    if (next === 34 || next === 92) {
      out += value.slice(from, i) + value[i + 1];
      i += 2;
      from = i;
      continue;
    }
    if (next === 120 /* x */) {
      const byte = hexByte(value, i + 2);
      if (byte >= 32 && byte <= 126) {
        out += value.slice(from, i) + String.fromCharCode(byte);
        i += 4;
        from = i;
        continue;
      }
    }
    i += 2;
  }
  return from === 0 ? value : out + value.slice(from);
}

function hexByte(value: string, at: number): number {
  if (at + 2 > value.length) return -1;
  const hi = hexDigit(value.charCodeAt(at));
  const lo = hexDigit(value.charCodeAt(at + 1));
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The checks every stored text gets (values.ts `text`), for a value known to be present. */
export function checkText(value: string, field: string): void {
  if (value.length > MAX_FIELD_CHARS)
    throw new RowError(`${field}: longer than ${MAX_FIELD_CHARS} characters`);
  if (value.indexOf('\uFFFD') !== -1) throw new RowError(`${field}: invalid UTF-8`);
  if (value.indexOf('\0') !== -1) throw new RowError(`${field}: contains a NUL byte`);
}

/** `HTTP/1.1` from Zeek's and others' bare `1.1`; a value already prefixed is kept. */
export function httpVersionOf(version: string | null): string | null {
  if (version === null || version === '' || version === '-') return null;
  return version.startsWith('HTTP/') ? version : `HTTP/${version}`;
}

/** Milliseconds from a duration in seconds with a fraction (`0.123`), or null for `-`, `` or -1. */
export function secondsToMs(value: string | undefined, field: string): number | null {
  if (value === undefined || value === '' || value === '-') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || value.trim() !== value)
    throw new RowError(`${field}: not a duration: ${clipped(value)}`);
  if (n === -1) return null;
  if (n < 0) throw new RowError(`${field}: negative (${value})`);
  return Math.round(n * 1_000_000) / 1000;
}

function clipped(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
