// Zeek logs in either of the writer's forms: the ASCII (TSV) log, whose `#fields` line names the
// tab-separated columns (`-` unset, `(empty)` empty, non-printable bytes as `\xHH`), or JSON lines
// (one object per record, unset fields left out). One reader for both, so a record gives the same
// session in either form; each log kind (zeek-http.ts, zeek-conn.ts) maps its fields to a row.
import type { SessionRow } from '../types.js';
import { clip, count, optionalIp, RowError, requiredIp } from '../values.js';
import { completeLines } from './head-lines.js';
import { checkText } from './http-request.js';
import { isoTime } from './iso-time.js';
import { type JsonObject, objectOrNull } from './json-lines.js';
import { LineRecordParser } from './line-records.js';
import { newWebRow } from './web-row.js';

/** A record's fields by Zeek name: a string (TSV, or JSON text), number, boolean, list; null if unset. */
export type ZeekValue = string | number | boolean | ZeekValue[] | null;

export interface ZeekKind {
  /** The `#path` of this log (`http`, `conn`). */
  path: string;
  /** Its columns in Zeek's default order, for a TSV file without a `#fields` line. */
  defaultFields: readonly string[];
  /** Fields the kind reads into the session; every other one is kept as an attribute. */
  mapped: ReadonlySet<string>;
  toRow(record: ZeekRecord, line: number): SessionRow;
}

/** One record of either form; `names` in source order. */
export interface ZeekRecord {
  names: readonly string[];
  get(name: string): ZeekValue;
}

export class ZeekParser extends LineRecordParser {
  private fields: readonly string[];
  private index = new Map<string, number>();
  private fieldsOrigin = 'Zeek default fields; this file has no #fields line';
  private unset = '-';
  private empty = '(empty)';
  private values: string[] = [];
  private json: JsonObject = {};
  private readonly tsvRecord: ZeekRecord = {
    names: [],
    get: (name) => this.tsvValue(name),
  };
  private readonly jsonRecord: ZeekRecord & { names: string[] } = {
    names: [],
    get: (name) => jsonValue(this.json, name),
  };

  constructor(private readonly kind: ZeekKind) {
    super();
    this.fields = kind.defaultFields;
    this.setFields(kind.defaultFields);
  }

  protected toRow(line: string, lineNo: number): SessionRow {
    if (line.indexOf('\uFFFD') !== -1) throw new RowError('invalid UTF-8 bytes in the record');
    return this.kind.toRow(
      line.charCodeAt(0) === 123 ? this.readJson(line, lineNo) : this.readTsv(line),
      lineNo,
    );
  }

  protected override directive(line: string, lineNo: number): boolean {
    if (line.charCodeAt(0) !== 35 /* # */) return false;
    const tab = line.indexOf('\t');
    const name = tab === -1 ? line.slice(1).split(' ')[0] : line.slice(1, tab);
    const rest = tab === -1 ? '' : line.slice(tab + 1);
    if (name === 'fields') {
      this.setFields(rest.split('\t'));
      this.fieldsOrigin = `as named by #fields on line ${lineNo}`;
    } else if (name === 'path' && rest !== this.kind.path) {
      throw new Error(
        `This is a Zeek ${rest}.log (its #path on line ${lineNo}); the zeek-${this.kind.path} format reads ${this.kind.path}.log`,
      );
    } else if (name === 'unset_field') this.unset = rest;
    else if (name === 'empty_field') this.empty = rest;
    else if (name === 'separator' && !/^#separator[ \t](\\x09|\t)$/.test(line)) {
      throw new Error(`Only tab-separated Zeek logs are read; line ${lineNo} sets ${clip(line)}`);
    }
    return true;
  }

  private setFields(fields: readonly string[]): void {
    this.fields = fields;
    this.index = new Map(fields.map((field, i) => [field, i]));
    this.tsvRecord.names = fields;
  }

  private readTsv(line: string): ZeekRecord {
    if (line.indexOf('\0') !== -1) throw new RowError('NUL byte in the record');
    const values = line.split('\t');
    if (values.length !== this.fields.length)
      throw new RowError(
        `expected ${this.fields.length} fields (${this.fieldsOrigin}), found ${values.length}`,
      );
    this.values = values;
    return this.tsvRecord;
  }

  private tsvValue(name: string): ZeekValue {
    const i = this.index.get(name);
    if (i === undefined) return null;
    const raw = this.values[i] ?? this.unset;
    if (raw === this.unset) return null;
    if (raw === this.empty) return '';
    const text = unescapeZeek(raw);
    checkText(text, name);
    return text;
  }

  private readJson(line: string, lineNo: number): ZeekRecord {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new RowError(`invalid JSON: ${clip((error as Error).message)}`);
    }
    const object = objectOrNull(value);
    if (object === null) throw new RowError('not a JSON object');
    // The JSON form has no #path line, but json-streaming-logs (and Corelight, Security Onion)
    // name the log in each record: another log's records are refused as #path refuses them.
    const path = object._path;
    if (typeof path === 'string' && path !== this.kind.path) {
      throw new Error(
        `This is a Zeek ${clip(path)}.log (the _path of line ${lineNo}); the zeek-${this.kind.path} format reads ${this.kind.path}.log`,
      );
    }
    this.json = object;
    this.jsonRecord.names = fieldNames(object);
    return this.jsonRecord;
  }
}

/**
 * Zeek's TSV writer escapes the separator, control characters and bytes that are not valid UTF-8 as
 * `\xHH`. An escaped ASCII character is undone (so a tab in a URI reads as the JSON form has it); an
 * escaped byte over 127 stays written so, as the JSON writer also writes it. So does `\x00`: the JSON
 * writer writes a NUL as the text `\x00` too, and undone it would quarantine the record for a NUL
 * the log does not hold (a probe's header is traffic to keep, not a broken record).
 */
function unescapeZeek(raw: string): string {
  if (raw.indexOf('\\x') === -1) return raw;
  return raw.replace(/\\x([0-7][0-9a-fA-F])/g, (written, hex: string) =>
    hex === '00' ? written : String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/**
 * A JSON text with a NUL (`\u0000`: Zeek's own writer writes `\x00`, another writer or a re-encoding
 * may not) is kept as Zeek writes it, so the same request gives the same text from either form.
 */
function keepNul(text: string): string {
  return text.indexOf('\0') === -1 ? text : text.replaceAll('\0', '\\x00');
}

/**
 * A JSON record's field names as the TSV form names them, so both forms keep the same attributes:
 * a nested object's members by their dotted names (`id.orig_h`, which jsonValue finds either way),
 * and no `_path`: it names the log (checked above), as #path does in the TSV form.
 */
function fieldNames(object: JsonObject, prefix = '', names: string[] = []): string[] {
  for (const [name, value] of Object.entries(object)) {
    if (prefix === '' && name === '_path') continue;
    const nested = objectOrNull(value);
    if (nested === null) names.push(prefix + name);
    else fieldNames(nested, `${prefix}${name}.`, names);
  }
  return names;
}

/** A JSON record's field, flat (`"id.orig_h"`, as Zeek writes it) or nested (`{"id": {"orig_h"}}`). */
function jsonValue(object: JsonObject, name: string): ZeekValue {
  let value = object[name];
  if (value === undefined && name.indexOf('.') !== -1) {
    let node: unknown = object;
    for (const part of name.split('.')) node = objectOrNull(node)?.[part];
    value = node;
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const text = keepNul(value);
    checkText(text, name);
    return text;
  }
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? keepNul(item) : item)) as ZeekValue;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

// Conversions of a field to a session value, the same for both forms.

export function zeekText(record: ZeekRecord, name: string): string | null {
  const value = record.get(name);
  if (value === null || value === '' || value === '-') return null;
  // A JSON list reads as the TSV form writes a set: its items joined by the set separator.
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const joined = value.map(tsvText).join(',');
    checkText(joined, name);
    return joined;
  }
  return tsvText(value);
}

/** A value as the TSV writer writes it: a JSON `true`/`false` (a `bool` such as local_orig) as T/F. */
function tsvText(value: ZeekValue): string {
  if (typeof value === 'boolean') return value ? 'T' : 'F';
  return String(value);
}

export function zeekCount(record: ZeekRecord, name: string): number | null {
  const value = record.get(name);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) throw new RowError(`${name}: not a count: ${value}`);
    return value;
  }
  return count(typeof value === 'string' ? value : undefined, name);
}

export function zeekPort(record: ZeekRecord, name: string): number | null {
  const n = zeekCount(record, name);
  if (n !== null && n > 65535) throw new RowError(`${name}: port out of range (${n})`);
  return n;
}

export function zeekIp(record: ZeekRecord, name: string, required: boolean): string | null {
  const value = zeekText(record, name) ?? undefined;
  return required ? requiredIp(value, name) : optionalIp(value, name);
}

/** `ts`: epoch seconds with a fraction (TSV, JSON default) or ISO-8601 (JSON with TS_ISO8601). */
export function zeekTime(record: ZeekRecord, name: string): number {
  const value = record.get(name);
  if (typeof value === 'number') return Math.round(value * 1000);
  if (typeof value !== 'string' || value === '') throw new RowError(`${name}: missing`);
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  return isoTime(value, name);
}

/** Seconds (an `interval`) as ms, or null. */
export function zeekInterval(record: ZeekRecord, name: string): number | null {
  const value = record.get(name);
  if (value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n < 0) throw new RowError(`${name}: not a duration: ${clip(String(value))}`);
  return Math.round(n * 1_000_000) / 1000;
}

/** The record's time, connection endpoints and uid: the start of a session from either log. */
export function zeekSession(record: ZeekRecord, line: number): SessionRow {
  const row = newWebRow(zeekTime(record, 'ts'), zeekIp(record, 'id.orig_h', true) ?? '', line);
  row.srcPort = zeekPort(record, 'id.orig_p');
  row.dstIp = zeekIp(record, 'id.resp_h', false);
  row.dstPort = zeekPort(record, 'id.resp_p');
  row.requestId = zeekText(record, 'uid');
  return row;
}

/**
 * Every field the kind does not map, in source order, then `extra` (what the kind derived), as the
 * attributes' JSON (or null).
 */
export function zeekAttrs(
  record: ZeekRecord,
  mapped: ReadonlySet<string>,
  extra: Record<string, string> | null = null,
): string | null {
  let attrs: Record<string, string> | null = null;
  for (const name of record.names) {
    if (mapped.has(name)) continue;
    const text = zeekText(record, name);
    if (text === null) continue;
    attrs ??= {};
    attrs[name] = text;
  }
  if (extra !== null) attrs = { ...attrs, ...extra };
  return attrs === null ? null : JSON.stringify(attrs);
}

/**
 * Confidence that a file's head is the Zeek log of `path`: its `#fields` include all of
 * `signature`, or its first JSON record has one of `jsonMarks`. A JSON record leaves unset fields
 * out, so it is known by fields no other Zeek log has (dns.log and notice.log records also carry
 * uid, id and proto), or by its `_path` where the writer names the log.
 */
export function detectZeek(
  head: string,
  path: string,
  signature: readonly string[],
  jsonMarks: readonly string[] = signature,
): number {
  const lines = completeLines(head, 12);
  for (const line of lines) {
    if (line.startsWith('#path\t')) return line.slice(6) === path ? 1 : 0;
    if (line.startsWith('#fields\t')) {
      const fields = line.split('\t');
      return signature.every((name) => fields.includes(name)) ? 0.95 : 0;
    }
  }
  const first = lines[0];
  if (first === undefined || first.charCodeAt(0) !== 123) return 0;
  try {
    const record = objectOrNull(JSON.parse(first));
    if (record === null || !('uid' in record) || !('id.orig_h' in record || 'id' in record)) return 0;
    if (typeof record._path === 'string') return record._path === path ? 1 : 0;
    return jsonMarks.some((name) => name in record) ? 0.95 : 0;
  } catch {
    return 0;
  }
}
