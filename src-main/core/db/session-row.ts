// Where a session stands in the Sessions table: its row number under a filter, a sort and a
// direction, the count of the filter's sessions that sort strictly before it. It is counted in the
// page query's own order (pageKeys: the sort's keys, then the id, as the pages break ties), so the
// number is the session's index in the pages sessionPage hands out. A link or a reload that names
// an open session scrolls the table to this row, whatever the sort. At 500 000 sessions it took
// 20–70 ms under the time and address sorts (a seek in the index their pages walk) and 0.1–0.5 s
// under the others (a scan, as their pages are: 0.1–1 s for the page at that row).
import { ADDRESS_SORT_KEYS } from './address-sort-key.js';
import type { Db } from './open.js';
import { filterAnd, pageKeys, sortParams } from './sessions.js';
import type { ScopedFilter } from './visibility.js';

export interface SessionRowQuery {
  filter: ScopedFilter;
  sort: string;
  direction: 'asc' | 'desc';
  id: number;
}

/**
 * Keys stored NOT NULL in a column, compared as they are: the indexed sorts' keys are all such
 * columns, so their comparison is a plain row value that SQLite seeks in the index the pages walk
 * (sessions_key: start_ts, key_hash; the address sort indexes: key, start_ts; each with the id).
 */
const NOT_NULL_COLUMNS: ReadonlySet<string> = new Set([
  'id',
  'start_ts',
  'key_hash',
  ...ADDRESS_SORT_KEYS.map((address) => address.key),
]);

/** The row of session `id` in the table of `query` (0 is the first), or null when the filter excludes it. */
export function sessionRow(db: Db, query: SessionRowQuery): number | null {
  const keys = pageKeys(query.filter, query.sort);
  const sortBound = sortParams(db, query.sort);
  // Its keys as stored: integers as BigInt, so a 64-bit key_hash is bound back exactly.
  const own = filterAnd(query.filter, 'id = @rowOf');
  const readKeys = db
    .prepare(`SELECT ${keys.join(', ')} FROM sessions ${own.sql}`)
    .raw()
    .safeIntegers();
  const { sql, params } = rowCountSql(query.filter, query.sort, query.direction);
  const count = db.prepare(sql).pluck();
  // One snapshot: a write between the two reads must not move the row under its keys.
  return db.transaction(() => {
    const values = readKeys.get({ ...own.params, ...sortBound, rowOf: query.id }) as unknown[] | undefined;
    if (!values) return null;
    const at = Object.fromEntries(values.map((value, i) => [`rowKey${i}`, value]));
    return count.get({ ...params, ...sortBound, ...at }) as number;
  })();
}

/** The count of the filter's sessions that sort before the keys bound as @rowKey0… (pageKeys' order). */
export function rowCountSql(
  filter: ScopedFilter,
  sort: string,
  direction: 'asc' | 'desc',
): { sql: string; params: Record<string, unknown> } {
  const { sql, params } = filterAnd(filter, beforeSql(pageKeys(filter, sort), direction));
  return { sql: `SELECT count(*) FROM sessions ${sql}`, params };
}

/**
 * The condition "sorts strictly before the session whose keys are bound as @rowKey0…" in
 * `direction`: one row-value comparison over the keys, lexicographic as ORDER BY is. SQLite sorts
 * NULL first ascending and last descending, but a comparison with NULL is neither true nor false:
 * a nullable key is compared as the pair (whether it is set, its value or 0), which orders the
 * same and holds no NULL.
 */
function beforeSql(keys: readonly string[], direction: 'asc' | 'desc'): string {
  const side = (read: (key: string, i: number) => string) =>
    keys
      .flatMap((key, i) => {
        const value = read(key, i);
        return NOT_NULL_COLUMNS.has(key) ? [value] : [`${value} IS NOT NULL`, `coalesce(${value}, 0)`];
      })
      .join(', ');
  const cmp = direction === 'asc' ? '<' : '>';
  return `(${side((key) => key)}) ${cmp} (${side((_, i) => `@rowKey${i}`)})`;
}
