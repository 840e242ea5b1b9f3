// The Sessions table over a source: pages of matching rows in time order, by keyset (never OFFSET
// over billions). A remote row has no id, so the order is (time, hash of every mapped field) and the
// cursor also counts the rows of its last (time, hash) already shown: identical rows, which share
// both, are each shown once however a page boundary falls among them.

import type { SessionFilter } from '../../../../src-shared/domain.js';
import type { SourceInfo, SourcePageCursor, SourceRow } from '../../../../src-shared/sources.js';
import type { SourceConnection } from './client.js';
import { filterConditions } from './filter-sql.js';
import { sqlNumber, sqlString } from './literal.js';
import { fieldExpr } from './mapping.js';
import { ALIAS_PREFIX, mappedFields, tableSql } from './select.js';

export interface SourcePage {
  items: SourceRow[];
  /** Where the next page starts; null after the last. */
  next: SourcePageCursor | null;
}

export async function remoteSessionPage(
  connection: SourceConnection,
  source: SourceInfo,
  filter: SessionFilter,
  after: SourcePageCursor | null,
  limit: number,
  signal?: AbortSignal,
): Promise<SourcePage> {
  const P = ALIAS_PREFIX;
  const fields = mappedFields(source.mapping);
  const start = fieldExpr(source.mapping, 'startTs');
  const key = `sipHash64(concat(${fields.map((name) => `ifNull(toString(${fieldExpr(source.mapping, name)}), '\\\\N')`).join(", '\\t', ")}))`;
  const where = filterConditions(source.mapping, filter);
  if (after)
    where.push(
      `(${start} > ${sqlNumber(after.startTs)} OR (${start} = ${sqlNumber(after.startTs)} AND ${key} >= toUInt64(${sqlString(after.key)})))`,
    );
  const columns = fields.map((name) => `${fieldExpr(source.mapping, name)} AS ${P}${name}`);
  const skip = after?.seen ?? 0;
  const rows = await connection.all(
    `SELECT ${columns.join(', ')}, toString(${key}) AS ${P}key FROM ${tableSql(source)}
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${P}startTs, ${key} LIMIT ${sqlNumber(limit + skip)}`,
    signal,
  );
  const fetched = rows.map((row) => ({
    key: String(row[`${P}key`]),
    item: Object.fromEntries(fields.map((name) => [name, toValue(row[`${P}${name}`])])) as SourceRow,
  }));
  // The first `skip` rows are those of the cursor's (time, hash) shown on earlier pages.
  const page = fetched.slice(Math.min(skip, fetched.length));
  const last = page.at(-1);
  if (!last || fetched.length < limit + skip) return { items: page.map((p) => p.item), next: null };
  const startTs = Number(last.item.startTs);
  let seen = 0;
  for (let i = fetched.length - 1; i >= 0; i--) {
    const row = fetched[i];
    if (row?.key !== last.key || Number(row.item.startTs) !== startTs) break;
    seen++;
  }
  return { items: page.map((p) => p.item), next: { startTs, key: last.key, seen } };
}

/** JSON numbers stay numbers; the engine's 64-bit integers (sent as text) become numbers. */
function toValue(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}
