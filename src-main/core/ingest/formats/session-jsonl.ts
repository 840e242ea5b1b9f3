// JSON lines whose keys are Vigil's own session field names (the field table's `name`), each value
// already in Vigil's unit (times in epoch ms): what a pull from a remote source writes, its mapping
// having run on the engine. Never auto-detected: only a pull names it.
// Not the fields' index, which loads zod for its schemas: the parser thread needs none (batch-codec.ts).
import { LOG_FIELDS } from '../../../../src-shared/fields/select.js';
import type { LogField } from '../../../../src-shared/fields/session-fields.js';
import type { FormatDefinition, SessionRow } from '../types.js';
import { checkSpan, RowError } from '../values.js';
import { JsonLinesParser, type JsonObject } from './json-lines.js';
import { anyCount, anyIp, anyPort, anyText, anyTimestamp, countryCode } from './json-values.js';
import { newWebRow } from './web-row.js';

/** A non-negative amount that may have a fraction (bytes summed by an engine, a request time). */
function anyAmount(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
    throw new RowError(`${field}: not an amount: ${String(value).slice(0, 40)}`);
  return n;
}

type Convert = (value: unknown) => string | number | null;

/** How a field's value (JSON, or text) becomes Vigil's, the field's kind chosen once, not per row. */
function converterOf(field: LogField): Convert {
  const name = field.name;
  switch (name) {
    case 'startTs':
    case 'endTs':
      return (value) => anyTimestamp(typeof value === 'string' ? Number(value) : value, name, 'epoch-ms');
    case 'srcIp':
      return (value) => anyIp(value, name, true);
    case 'dstIp':
      return (value) => anyIp(value, name, false);
    case 'srcPort':
    case 'dstPort':
      return (value) => anyPort(value, name);
    case 'country':
      return (value) => countryCode(value, name);
  }
  if (field.type === 'integer') return (value) => anyCount(value, name);
  if (field.type === 'number') return (value) => anyAmount(value, name);
  return (value) => anyText(value, name);
}

const NAMES = LOG_FIELDS.map((field) => field.name);
const CONVERTERS = LOG_FIELDS.map(converterOf);
const END_AT = NAMES.indexOf('endTs');

/**
 * The session of the values of LOG_FIELDS, in its order (values as JSON or as text; a
 * missing one undefined or null). Shared with the tab-separated form of pulled rows (session-tsv.ts).
 */
export function sessionRowOfValues(values: readonly unknown[], line: number): SessionRow {
  // Filled into the one shape every importer's row has: a row built key by key from an empty
  // object took V8's slow dictionary form (about 2 µs a row, a tenth of reading a pulled chunk).
  const row = newWebRow(0, '', line);
  const fields = row as unknown as Record<string, unknown>;
  for (let i = 0; i < CONVERTERS.length; i++)
    if (i !== END_AT) fields[NAMES[i] as string] = CONVERTERS[i]?.(values[i]);
  const end = values[END_AT];
  // A source with one time per record (requests) has no end: the session is an instant.
  row.endTs =
    end === undefined || end === null ? row.startTs : anyTimestamp(Number(end), 'endTs', 'epoch-ms');
  checkSpan(row.startTs, row.endTs);
  return row;
}

class SessionJsonlParser extends JsonLinesParser {
  protected toRow(record: JsonObject, line: number): SessionRow {
    return sessionRowOfValues(
      NAMES.map((name) => record[name]),
      line,
    );
  }
}

export const sessionJsonl: FormatDefinition = {
  id: 'session-jsonl',
  label: "JSON lines with Vigil's field names (pulls from remote sources)",
  detect: () => 0,
  createParser: () => new SessionJsonlParser(),
};
