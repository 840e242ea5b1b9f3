// Access logs in a custom format, given as the server's own format string: an nginx `log_format`
// or an Apache `LogFormat` (`vigil ingest --log-format '…'`, or a saved log-format preset). The
// string is compiled once (log-format-compile.ts); each line is then read by walking its literal
// text, every field ending where the literal after it starts. Never auto-detected: the format
// string says what the fields mean.
import type { LogFormatPreset, MappingPreset } from '../../../../src-shared/domain.js';
import { AttrsEncoder } from '../attrs.js';
import type { FormatDefinition, SessionRow } from '../types.js';
import { clip, count, optionalIp, port, RowError, requiredIp } from '../values.js';
import { clfTime } from './clf-time.js';
import { responseBytes, status } from './combined-row.js';
import {
  checkText,
  emptyRequest,
  secondsToMs,
  splitRequestLine,
  splitTarget,
  unescapeLogText,
} from './http-request.js';
import { isoTime } from './iso-time.js';
import { checkRecordText, LineRecordParser } from './line-records.js';
import { type CompiledLogFormat, compileLogFormat, type FieldRole } from './log-format-compile.js';
import { readStrftime, spacesIn } from './log-format-time.js';
import { newWebRow, setHost, setRequest, setRequestTime } from './web-row.js';

export const logFormat: FormatDefinition = {
  id: 'log-format',
  label: 'Access log in a custom nginx log_format / Apache LogFormat',
  detect: () => 0,
  createParser: ({ preset }) => new LogFormatParser(compileLogFormat(needLogFormat(preset).logFormat)),
};

function needLogFormat(preset: MappingPreset | undefined): LogFormatPreset {
  if (preset?.format === 'log-format') return preset;
  throw new Error(
    preset === undefined
      ? "The log-format format needs the server's format string: vigil ingest --log-format '…', or a saved preset (--map NAME)"
      : `Preset "${preset.name}" is a column mapping, not a log format`,
  );
}

class LogFormatParser extends LineRecordParser {
  private readonly reader: LogFormatReader;

  constructor(format: CompiledLogFormat) {
    super();
    this.reader = new LogFormatReader(format);
  }

  protected toRow(line: string, lineNo: number): SessionRow {
    return this.reader.read(line, lineNo);
  }
}

export class LogFormatReader {
  private readonly values: string[] = [];
  private readonly request = emptyRequest();
  private readonly attrs: AttrsEncoder;
  /** Slot in the attribute values of each field (-1: not an attribute). */
  private readonly attrSlot: number[];
  private readonly attrValues: (string | undefined)[];
  /**
   * Spaces inside each field's own value: a time holds some (`28/Oct/2023:10:00:05 +0000`), so a
   * field followed by a space ends at the space after those, not at the first one.
   */
  private readonly innerSpaces: number[];

  constructor(private readonly format: CompiledLogFormat) {
    this.innerSpaces = format.fields.map((field) =>
      field.role === 'timeClf' ? 1 : field.time ? spacesIn(field.time) : 0,
    );
    // ident and user first, as the Combined reader keeps them, so the same line gives the same text.
    const names = ['ident', 'user'];
    this.attrSlot = format.fields.map((field) => {
      if (field.role === 'ident') return 0;
      if (field.role === 'user') return 1;
      if (field.role !== 'attr') return -1;
      const at = names.indexOf(field.attr);
      return at === -1 ? names.push(field.attr) - 1 : at;
    });
    this.attrs = new AttrsEncoder(names);
    this.attrValues = new Array(names.length);
  }

  read(line: string, lineNo: number): SessionRow {
    checkRecordText(line);
    this.split(line);
    const { fields } = this.format;
    let client: string | null = null;
    let startTs = Number.NaN;
    let requestAt = -1;
    for (let i = 0; i < fields.length; i++) {
      const role = fields[i]?.role;
      if (role === 'client') client = requiredIp(this.values[i], fields[i]?.source ?? '');
      else if (role?.startsWith('time')) startTs = this.time(i);
      else if (role === 'request') requestAt = i;
    }
    const row = newWebRow(startTs, client ?? '', lineNo);
    const request = this.request;
    if (requestAt !== -1) {
      splitRequestLine(this.values[requestAt] ?? '-', request, fields[requestAt]?.source ?? '');
      setRequest(row, request);
    }
    const slots = this.attrValues;
    slots.fill(undefined);
    let requestTime: number | null = null;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const raw = this.values[i] ?? '-';
      if (field === undefined) continue;
      const slot = this.attrSlot[i] ?? -1;
      if (slot !== -1) {
        slots[slot] = loggedText(raw, field.source) ?? undefined;
        continue;
      }
      const duration = this.apply(field.role, raw, field.source, row);
      if (duration !== null && requestTime === null) requestTime = duration;
    }
    setRequestTime(row, requestTime);
    row.attrs = this.attrs.encode(slots);
    return row;
  }

  /** Sets the row field of one role; returns the request time in ms when the role is a duration. */
  private apply(role: FieldRole, raw: string, source: string, row: SessionRow): number | null {
    switch (role) {
      case 'clientPort':
        row.srcPort = port(raw, source);
        break;
      case 'serverIp':
        row.dstIp = optionalIp(raw, source);
        break;
      case 'serverPort':
        row.dstPort = port(raw, source);
        break;
      case 'host': {
        // A Host header keeps the port the client wrote: the name alone, as every importer stores
        // a host, the port the destination port until a server port field says otherwise.
        setHost(row, loggedText(raw, source));
        break;
      }
      case 'method':
        row.method = loggedText(raw, source) ?? row.method;
        break;
      case 'uri': {
        const uri = loggedText(raw, source);
        if (uri === null) break;
        const request = this.request;
        request.host = null;
        request.path = null;
        request.query = null;
        splitTarget(uri, row.method ?? null, request);
        row.host ??= request.host;
        row.path = request.path;
        row.query = request.query;
        break;
      }
      case 'path':
        row.path = loggedText(raw, source) ?? row.path;
        break;
      case 'query': {
        // Apache's %q carries its `?`; nginx's $args does not.
        const query = loggedText(raw.startsWith('?') ? raw.slice(1) : raw, source);
        row.query = query ?? row.query;
        break;
      }
      case 'version':
        row.httpVersion = loggedText(raw, source) ?? row.httpVersion;
        break;
      case 'scheme':
        row.protocol = loggedText(raw, source);
        break;
      case 'status':
        row.responseCode = status(raw);
        break;
      case 'bytesOut':
        row.bytesOut = count(raw, source);
        break;
      case 'bytesOutClf':
        row.bytesOut = responseBytes(raw);
        break;
      case 'bytesIn':
        row.bytesIn = count(raw, source);
        break;
      case 'referrer':
        row.referrer = loggedText(raw, source);
        break;
      case 'userAgent':
        row.userAgent = loggedText(raw, source);
        break;
      case 'durationSeconds':
        return secondsToMs(raw, source);
      case 'durationMillis':
        return scaled(raw, source, 1);
      case 'durationMicros':
        return scaled(raw, source, 1000);
      case 'tlsProtocol':
        row.tlsProtocol = loggedText(raw, source);
        break;
      case 'tlsCipher':
        row.tlsCipher = loggedText(raw, source);
        break;
      case 'requestId':
        row.requestId = loggedText(raw, source);
        break;
    }
    return null;
  }

  /** Cuts `line` into the values of the fields, by the literal text between them. */
  private split(line: string): void {
    const { literals, fields } = this.format;
    let at = 0;
    const last = fields.length - 1;
    for (let i = 0; i <= last; i++) {
      const before = literals[i] ?? '';
      if (!line.startsWith(before, at))
        throw new RowError(
          `expected ${describe(before)} at character ${at + 1} (before ${fields[i]?.source})`,
        );
      at += before.length;
      const after = literals[i + 1] ?? '';
      let end: number;
      if (i === last) {
        end = lastFieldEnd(line, at, before, after);
        if (end === -1)
          throw new RowError(
            `expected ${describe(after)} at the end of the line (after ${fields[i]?.source})`,
          );
        if (end + after.length !== line.length)
          throw new RowError(
            `expected the end of the line at character ${end + after.length + 1} (after ${fields[i]?.source})`,
          );
      } else {
        let from = fields[i]?.role === 'host' ? bracketedAddressEnd(line, at) : at;
        for (let s = this.innerSpaces[i] ?? 0; s > 0 && from !== -1; s--) {
          const space = line.indexOf(' ', from);
          from = space === -1 ? -1 : space + 1;
        }
        const quoted = before.endsWith('"');
        end = from === -1 ? -1 : findLiteral(line, after, from, quoted);
        if (fields[i]?.list && after.startsWith(' '))
          while (end !== -1 && isListSeparator(line, end)) end = findLiteral(line, after, end + 1, quoted);
        if (end === -1) throw new RowError(`expected ${describe(after)} after ${fields[i]?.source}`);
      }
      this.values[i] = line.slice(at, end);
      at = end;
    }
  }

  private time(i: number): number {
    const field = this.format.fields[i];
    const raw = this.values[i] ?? '';
    const source = field?.source ?? '';
    let ms: number;
    switch (field?.role) {
      case 'timeClf':
        // Apache's %t writes its brackets; nginx's $time_local leaves them to the format.
        ms =
          raw.startsWith('[') && raw.endsWith(']')
            ? clfTime(raw, 1, raw.length - 1)
            : clfTime(raw, 0, raw.length);
        if (Number.isNaN(ms))
          throw new RowError(`${source}: not a [day/Mon/year:hh:mm:ss zone] time: ${clip(raw)}`);
        return ms;
      case 'timeIso':
        return isoTime(raw, source);
      case 'timeSeconds':
        return epoch(raw, source, 1000);
      case 'timeMillis':
        return epoch(raw, source, 1);
      case 'timeMicros':
        return epoch(raw, source, 0.001);
      default:
        if (field?.time == null) throw new RowError(`${source}: not a time`);
        return readStrftime(field.time, raw, source);
    }
  }
}

/** The index of `literal` in `line` from `from`; in a quoted field, not where a backslash escapes it. */
function findLiteral(line: string, literal: string, from: number, quoted: boolean): number {
  for (let j = line.indexOf(literal, from); j !== -1; j = line.indexOf(literal, j + 1)) {
    if (!quoted || literal.charCodeAt(0) !== 34) return j;
    let slashes = 0;
    for (let k = j - 1; k >= from && line.charCodeAt(k) === 92; k--) slashes++;
    if (slashes % 2 === 0) return j;
  }
  return -1;
}

/**
 * Where to look for the end of a host from: past its `]` when it is a bracketed IPv6 address
 * (`[2001:db8::1]:8443`), whose colons are not the `:` of `%v:%p`.
 */
function bracketedAddressEnd(line: string, at: number): number {
  if (line.charCodeAt(at) !== 91 /* [ */) return at;
  const close = line.indexOf(']', at);
  return close === -1 ? at : close + 1;
}

/**
 * Where the last field of a line ends, or -1. A quoted one closes at its first quote that is not
 * escaped and is followed by a space or the end of the line (as clf-tokens.ts closes a quoted
 * field), so a quoted field the format does not name after it (nginx's `main` adds
 * `"$http_x_forwarded_for"`) is found, not glued onto it; a quote inside it that no space follows
 * does not end it. An unquoted one runs to what ends the line: its value may hold spaces.
 */
function lastFieldEnd(line: string, from: number, before: string, after: string): number {
  if (before.endsWith('"') && after.startsWith('"')) {
    for (
      let end = findLiteral(line, after, from, true);
      end !== -1;
      end = findLiteral(line, after, end + 1, true)
    ) {
      const next = end + after.length;
      if (next === line.length || line.charCodeAt(next) === 32) return end;
    }
    return -1;
  }
  const end = line.length - after.length;
  return end < from || !line.endsWith(after) ? -1 : end;
}

/** Whether the space at `at` is inside a list separator (`, ` or ` : `), not a field's end. */
function isListSeparator(line: string, at: number): boolean {
  return (
    line.charCodeAt(at - 1) === 44 ||
    line.startsWith(' : ', at) ||
    (line.charCodeAt(at - 1) === 58 && line.charCodeAt(at - 2) === 32)
  );
}

function describe(literal: string): string {
  return literal === ' ' ? 'a space' : `"${literal}"`;
}

function loggedText(raw: string, source: string): string | null {
  if (raw === '-' || raw === '') return null;
  checkText(raw, source);
  return unescapeLogText(raw);
}

function epoch(raw: string, source: string, toMs: number): number {
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n) || n < 0)
    throw new RowError(`${source}: not an epoch time: ${clip(raw)}`);
  return Math.round(n * toMs);
}

function scaled(raw: string, source: string, divisor: number): number | null {
  if (raw === '-' || raw === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new RowError(`${source}: not a duration: ${clip(raw)}`);
  return Math.round((n / divisor) * 1000) / 1000;
}

/** Compiles a format string to check it (for saving a preset); throws with what is wrong. */
export function checkLogFormat(text: string): void {
  compileLogFormat(text);
}

/**
 * The preset of a format string given for one import (`--log-format`), checked now so a bad one is
 * refused before any job starts. Named by the string itself, which the import record then keeps.
 */
export function inlineLogFormat(text: string): LogFormatPreset {
  checkLogFormat(text);
  return { name: text.length <= 100 ? text : `${text.slice(0, 99)}…`, format: 'log-format', logFormat: text };
}
