// Presence terms (`type:*`, src-shared/filter/presence.ts) on a ClickHouse source: the field has a
// value. A source may say "none" as NULL, '' or '-' (a plain String column has no NULL); the local
// workspace stores '' and '-' as missing, and mapping.ts's fieldExpr reads a text field's '' and
// '-' as NULL, so "has a value" is "is not NULL" for every field. Negated, a missing value is
// "has none", as locally.
/** `expr`, the field's value on the source (fieldExpr), has one. */
export function presenceSql(expr: string): string {
  return `isNotNull(${expr})`;
}

/**
 * `uaclass:*`: the row is a web request (a method or a path), as the local workspace's REQUEST_SQL
 * says; every request has a user-agent class (`empty` without an agent), and no other row has one.
 */
export function requestSql(method: string, path: string): string {
  return `(isNotNull(${method}) OR isNotNull(${path}))`;
}
