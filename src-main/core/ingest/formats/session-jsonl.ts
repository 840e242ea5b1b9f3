// JSON lines whose keys are Vigil's own session field names (the field table's `name`), each value
// already in Vigil's unit (times in epoch ms): what a pull from a remote source writes, its mapping
// having run on the engine. Never auto-detected: only a pull names it.
import { SESSION_FIELDS, type SessionField } from '../../../../src-shared/fields/index.js';
import type { FormatDefinition, SessionRow } from '../types.js';
import { checkSpan, RowError } from '../values.js';
import { JsonLinesParser, type JsonObject } from './json-lines.js';
import { anyCount, anyIp, anyPort, anyText, anyTimestamp, countryCode } from './json-values.js';

type LogField = Extract<SessionField, { origin: 'log' }>;
export const SESSION_LOG_FIELDS = SESSION_FIELDS.filter((field): field is LogField => field.origin === 'log');

/** A non-negative amount that may have a fraction (bytes summed by an engine, a request time). */
function anyAmount(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
    throw new RowError(`${field}: not an amount: ${String(value).slice(0, 40)}`);
  return n;
}

function fieldValue(field: LogField, value: unknown): string | number | null {
  switch (field.name) {
    case 'startTs':
    case 'endTs':
      return anyTimestamp(typeof value === 'string' ? Number(value) : value, field.name, 'epoch-ms');
    case 'srcIp':
      return anyIp(value, field.name, true);
    case 'dstIp':
      return anyIp(value, field.name, false);
    case 'srcPort':
    case 'dstPort':
      return anyPort(value, field.name);
    case 'country':
      return countryCode(value, field.name);
  }
  if (field.type === 'integer') return anyCount(value, field.name);
  if (field.type === 'number') return anyAmount(value, field.name);
  return anyText(value, field.name);
}

/**
 * The session of a record keyed by Vigil's field names (values as JSON or as text; a missing field
 * is absent, null or undefined). Shared with the tab-separated form of pulled rows (session-tsv.ts).
 */
export function sessionRowOf(record: Record<string, unknown>, line: number): SessionRow {
  const row: Record<string, unknown> = {};
  for (const field of SESSION_LOG_FIELDS) {
    if (field.name === 'endTs') continue;
    row[field.name] = fieldValue(field, record[field.name]);
  }
  const end = record.endTs;
  // A source with one time per record (requests) has no end: the session is an instant.
  row.endTs =
    end === undefined || end === null ? row.startTs : anyTimestamp(Number(end), 'endTs', 'epoch-ms');
  checkSpan(row.startTs as number, row.endTs as number);
  row.attrs = null;
  row.line = line;
  return row as unknown as SessionRow;
}

class SessionJsonlParser extends JsonLinesParser {
  protected toRow(record: JsonObject, line: number): SessionRow {
    return sessionRowOf(record, line);
  }
}

export const sessionJsonl: FormatDefinition = {
  id: 'session-jsonl',
  label: "JSON lines with Vigil's field names (pulls from remote sources)",
  detect: () => 0,
  createParser: () => new SessionJsonlParser(),
};
