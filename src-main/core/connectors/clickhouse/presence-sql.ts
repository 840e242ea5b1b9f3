// Presence terms (`type:*`, src-shared/filter/presence.ts) on a ClickHouse source: the field has a
// value. A source may say "none" as NULL or as an empty string (a plain String column has no NULL;
// mapping.ts makes some '' NULL, not all), and the local workspace counts both as none
// (db/presence-sql.ts), so both are none here too. A NULL comparison is 0 once filterConditions
// wraps the clause in ifNull, and its negation then 1: a missing value is "has none".
import type { TermField } from '../../../../src-shared/fields/index.js';

/** `expr`, the field's value on the source, has one. */
export function presenceSql(field: TermField, expr: string): string {
  if (field.type === 'text') return `${expr} != ''`;
  return `isNotNull(${expr})`;
}

/**
 * `uaclass:*`: the row is a web request (a method or a path), as the local workspace's REQUEST_SQL
 * says; every request has a user-agent class (`empty` without an agent), and no other row has one.
 */
export function requestSql(method: string, path: string): string {
  return `(ifNull(${method} != '', 0) OR ifNull(${path} != '', 0))`;
}
