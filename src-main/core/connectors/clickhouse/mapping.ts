// How a source's table gives each of Vigil's session fields: a column or SQL expression per field
// (the expressions run on the engine, so any column type can become Vigil's: a DateTime as epoch ms,
// a URI split into path and query). Presets cover a table that already uses Vigil's field names
// and a typical Combined-log table; the analyst overrides any field.
import { SESSION_FIELDS, type SessionField } from '../../../../src-shared/fields/index.js';
import type { MAPPING_PRESETS, SourceMapping } from '../../../../src-shared/sources.js';
import { MISSING_TEXTS } from '../../ingest/values.js';
import { sqlString } from './literal.js';

/** Fields a source can give: every field the importers read from a log (field table origin `log`). */
export const MAPPABLE_FIELDS = SESSION_FIELDS.filter(
  (field): field is Extract<SessionField, { origin: 'log' }> => field.origin === 'log',
);
const MAPPABLE = new Set<string>(MAPPABLE_FIELDS.map((field) => field.name));
/** A session needs a time and a source address; every other field may be missing (NULL). */
export const REQUIRED_FIELDS = ['startTs', 'srcIp'] as const;

/** The table has a column per field, named as Vigil names the field (times as epoch ms). */
const VIGIL: SourceMapping = Object.fromEntries(
  MAPPABLE_FIELDS.map((field) => [field.name, `\`${field.name}\``]),
);

/**
 * A table loaded from nginx/Apache access logs, with nginx's variable names: time_local (DateTime),
 * remote_addr, request_method, host, request_uri, server_protocol, status, body_bytes_sent,
 * http_referer, http_user_agent, request_time (seconds, Float).
 */
const COMBINED: SourceMapping = {
  startTs: 'toUInt64(toUnixTimestamp(time_local)) * 1000',
  srcIp: 'remote_addr',
  method: 'request_method',
  host: 'host',
  path: "splitByChar('?', request_uri)[1]",
  query: "if(position(request_uri, '?') > 0, substring(request_uri, position(request_uri, '?') + 1), NULL)",
  httpVersion: 'server_protocol',
  responseCode: 'status',
  bytesOut: 'body_bytes_sent',
  referrer: 'http_referer',
  userAgent: 'http_user_agent',
  // Rounded to the microsecond: a Float32 column's 0.1 s is 100.000001490116 ms once multiplied.
  requestTimeMs: 'round(request_time * 1000, 3)',
};

export const PRESET_MAPPINGS: Record<(typeof MAPPING_PRESETS)[number], SourceMapping> = {
  vigil: VIGIL,
  combined: COMBINED,
};

/** The preset with the analyst's overrides; refused for a field Vigil does not know or a missing one. */
export function buildMapping(
  preset: keyof typeof PRESET_MAPPINGS,
  overrides: SourceMapping = {},
): SourceMapping {
  const unknown = Object.keys(overrides).filter((name) => !MAPPABLE.has(name));
  if (unknown.length > 0)
    throw new Error(
      `Not a session field a source can give: ${unknown.join(', ')}. Fields: ${[...MAPPABLE].join(', ')}`,
    );
  const mapping = { ...PRESET_MAPPINGS[preset], ...overrides };
  const missing = REQUIRED_FIELDS.filter((name) => !mapping[name]);
  if (missing.length > 0) throw new Error(`The mapping must give ${missing.join(' and ')}.`);
  return mapping;
}

const TEXT_FIELDS = new Set<string>(
  MAPPABLE_FIELDS.filter((field) => field.type === 'text').map((field) => field.name),
);

/**
 * SQL: a text field's value as text, NULL where it is a text the import stores as missing ('' and
 * '-', ingest/values.ts), so that every statement (filter, Overview, graph, rows, pull) reads "no
 * value" as the workspace does. nullIf is the cheapest form measured on 18.16 (an `IN` test with
 * `if` cost more, and refuses a Nullable column there); toString costs nothing on a String and
 * makes a number or an Enum mapped to a text field text, as the import stores it.
 */
const textOrMissing = (expr: string) =>
  MISSING_TEXTS.reduce((sql, none) => `nullIf(${sql}, ${sqlString(none)})`, `toString(${expr})`);

/**
 * The SQL that reads `field` in the source, or NULL where the mapping does not give it: the one
 * place a mapped expression becomes the field's value.
 */
/**
 * The mapped expression as the engine holds it, '' and '-' included: for a condition that is false
 * on both texts (filter-sql.ts), which then means the same on it as on fieldExpr's value and skips
 * fieldExpr's copies of the column (a user agent or path test over 10 M rows: about 10-20 % of the
 * Overview's time, measured on 18.16).
 */
export function storedFieldExpr(mapping: SourceMapping, field: string): string {
  const expr = mapping[field];
  return expr === undefined ? 'NULL' : `(${expr})`;
}

export function fieldExpr(mapping: SourceMapping, field: string): string {
  const expr = mapping[field];
  if (expr === undefined) return 'NULL';
  return TEXT_FIELDS.has(field) ? textOrMissing(expr) : `(${expr})`;
}
