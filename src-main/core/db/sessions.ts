import type { Statement } from 'better-sqlite3';
import type { Session, SessionFilter } from '../../../src-shared/domain.js';
import {
  type FieldValue,
  LOG_FIELDS,
  type LogField,
  SESSION_FIELDS,
  type SortableFieldName,
} from '../../../src-shared/fields/index.js';
import { filterOnlyUses } from '../../../src-shared/filter/shape.js';
import { must } from '../../../src-shared/must.js';
import { ADDRESS_SORT_KEYS, addressSortKey } from './address-sort-key.js';
import { addressMatch } from './address-sql.js';
import { FLAGGED_IDS_SQL } from './detection-set.js';
import { readSql, selectSql } from './field-sql.js';
import { clausesToSql } from './filter-sql.js';
import { prepareFieldInterns } from './interned-strings.js';
import { activeRun } from './model-runs.js';
import type { Db } from './open.js';
import { ADDRESS_SORT_INDEX, maxSessionId, sessionIndexesPresent } from './session-indexes.js';
import { finishedOnlySql, type ScopedFilter } from './visibility.js';

/**
 * The columns of an insert, in the order of the values in the flat arrays the writer fills: what
 * the import gives every row (its id, the import, its key), the fields an importer fills in table
 * order (src-shared/fields), then the row's line, its extra columns and the sort keys of its
 * source and destination addresses (address-sort-key.ts), which the writer computes from them.
 */
const INSERT_COLUMNS = [
  'id',
  'import_id',
  'key_hash',
  ...LOG_FIELDS.map((field) => field.column),
  'raw_line',
  'attrs_id',
  ...ADDRESS_SORT_KEYS.map((address) => address.key),
];
/** Values per row in the flat arrays of `prepareSessionGroupInsert`. */
export const SESSION_INSERT_WIDTH = INSERT_COLUMNS.length;
/** Where a row's values sit among its SESSION_INSERT_WIDTH: the fields from `firstField` in LOG_FIELDS order. */
export const INSERT_AT = {
  id: 0,
  importId: 1,
  keyHash: 2,
  firstField: 3,
  rawLine: SESSION_INSERT_WIDTH - 4,
  attrsId: SESSION_INSERT_WIDTH - 3,
  srcIpSortKey: SESSION_INSERT_WIDTH - 2,
  dstIpSortKey: SESSION_INSERT_WIDTH - 1,
} as const;

const INSERT_SESSIONS = `INSERT OR IGNORE INTO sessions (${INSERT_COLUMNS.join(', ')})`;

type Nullable<F extends LogField> = Extract<F, { nullable: true }>;
/** One session to store, by name; a nullable field left out is stored as NULL. */
export type SessionInsertRow = {
  /** null: the next id after the largest stored (tests); the ingest writer always gives one. */
  id: number | null;
  importId: number;
  keyHash: number;
  rawLine: number;
  attrsId?: number | null;
} & { [F in Exclude<LogField, Nullable<LogField>> as F['name']]: FieldValue<F> } & {
  [F in Nullable<LogField> as F['name']]?: FieldValue<F>;
};

/** The row's values in insert order, each interned field's text as given (see prepareSessionInsert). */
export function sessionInsertValues(row: SessionInsertRow): unknown[] {
  const named = row as unknown as Record<string, unknown>;
  return [
    row.id,
    row.importId,
    row.keyHash,
    ...LOG_FIELDS.map((field) => named[field.name] ?? null),
    row.rawLine,
    row.attrsId ?? null,
    addressSortKey(row.srcIp),
    addressSortKey(row.dstIp),
  ];
}

/** Stores one row; returns its new id, or 0 when its natural key is already stored (a duplicate). */
export function prepareSessionInsert(db: Db): (row: SessionInsertRow) => number {
  const stmt = db.prepare(
    `${INSERT_SESSIONS} VALUES (${new Array(SESSION_INSERT_WIDTH).fill('?').join(', ')})`,
  );
  const interns = prepareFieldInterns(db);
  return (row) => {
    const values = sessionInsertValues(row);
    interns.forEach((intern, k) => {
      const at = INSERT_AT.firstField + k;
      if (intern && values[at] !== null) values[at] = intern(values[at] as string);
    });
    const info = stmt.run(...values);
    return info.changes === 1 ? Number(info.lastInsertRowid) : 0;
  };
}

// Rows per multi-row INSERT. The JS → SQLite call and the statement step are per statement, so one
// statement per 32 rows stored 1 M rows in 1.8 s instead of 2.5 s (same table, same data); 128
// rows per statement cost 15 % less insert CPU than 32 again (real access-log rows, measured).
export const SESSION_GROUP_ROWS = 128;

/**
 * The insert columns a group statement names, as a number with bit i (2^i) set for
 * INSERT_COLUMNS[i], with where a row's id, start and key sit among its `width` values.
 */
export interface InsertColumns {
  mask: number;
  /** Indexes into the insert order (INSERT_AT), ascending: the row's values in this order. */
  list: readonly number[];
  width: number;
  idAt: number;
  startAt: number;
  keyHashAt: number;
}

/** Every insert column. */
export const ALL_INSERT_COLUMNS = 2 ** SESSION_INSERT_WIDTH - 1;

const START_AT = INSERT_AT.firstField + LOG_FIELDS.findIndex((field) => field.name === 'startTs');

/** Whether insert column `i` is in `mask` (arithmetic, not `&`: the masks are wider than 32 bits). */
const hasColumn = (mask: number, i: number): boolean => Math.floor(mask / 2 ** i) % 2 === 1;

function insertColumnsOf(mask: number): InsertColumns {
  const list: number[] = [];
  for (let i = 0; i < SESSION_INSERT_WIDTH; i++) if (hasColumn(mask, i)) list.push(i);
  const at = (column: number) => {
    const index = list.indexOf(column);
    return must(index < 0 ? undefined : index, `insert column ${INSERT_COLUMNS[column]}`);
  };
  return {
    mask,
    list,
    width: list.length,
    idAt: at(INSERT_AT.id),
    startAt: at(START_AT),
    keyHashAt: at(INSERT_AT.keyHash),
  };
}

export type SessionGroupInsert = ((
  values: unknown[],
  rows: number,
  ids: Float64Array,
  columns?: InsertColumns,
) => number) & {
  /**
   * The columns to name when only the columns of `present` (a mask) hold a value in some row:
   * the others are left out of the statement (stored as NULL all the same) unless the table gives
   * them a default. Binding the NULL columns of an access log (19 of 37) cost 17 % of the insert CPU.
   */
  columnsFor(present: number): InsertColumns;
};

/**
 * Stores `rows` rows laid out flat in `values` (`columns.width` values each, all columns when not
 * given). Each row brings its own id (ingest hands them out from `prepareNextSessionId`). Writes
 * each row's id into `ids`, or 0 when its natural key was already stored (earlier, or by an
 * earlier row of the same group), and returns how many were stored.
 */
export function prepareSessionGroupInsert(db: Db): SessionGroupInsert {
  // A column with a default would store that default when left out: always named. Not an
  // address's sort key: its default is the key of no address, right for rows without one.
  const info = db.prepare('PRAGMA table_info(sessions)').all() as { name: string; dflt_value: unknown }[];
  const defaulted = new Set(info.filter((column) => column.dflt_value !== null).map((column) => column.name));
  for (const address of ADDRESS_SORT_KEYS) defaulted.delete(address.key);
  let required = 0;
  INSERT_COLUMNS.forEach((column, i) => {
    if (i < INSERT_AT.firstField || i === INSERT_AT.rawLine || i === START_AT || defaulted.has(column))
      required += 2 ** i;
  });
  const sets = new Map<number, InsertColumns>();
  const all = insertColumnsOf(ALL_INSERT_COLUMNS);
  const columnsFor = (present: number): InsertColumns => {
    let mask = 0;
    for (let i = 0; i < SESSION_INSERT_WIDTH; i++)
      if (hasColumn(present, i) || hasColumn(required, i)) mask += 2 ** i;
    let set = sets.get(mask);
    if (!set) {
      set = insertColumnsOf(mask);
      sets.set(mask, set);
    }
    return set;
  };
  // Statements by column set and row count: a full group, and the powers of two a batch's last
  // rows are split into, so a handful of statements serve any count.
  const statements = new Map<string, Statement>();
  const statementFor = (columns: InsertColumns, rows: number): Statement => {
    const key = `${columns.mask}:${rows}`;
    let stmt = statements.get(key);
    if (!stmt) {
      const names = columns.list.map((i) => INSERT_COLUMNS[i]).join(', ');
      const row = `(${new Array(columns.width).fill('?').join(', ')})`;
      stmt = db.prepare(
        `INSERT OR IGNORE INTO sessions (${names}) VALUES ${new Array(rows).fill(row).join(', ')}`,
      );
      statements.set(key, stmt);
    }
    return stmt;
  };
  const idOfKey = db.prepare('SELECT id FROM sessions WHERE start_ts = ? AND key_hash = ?').pluck();
  /** Stores rows [from, from + rows) of `values` with one statement; ids as for the group. */
  const insertRun = (
    values: unknown[],
    from: number,
    rows: number,
    ids: Float64Array,
    columns: InsertColumns,
  ): number => {
    const width = columns.width;
    const part =
      from === 0 && rows * width === values.length
        ? values
        : values.slice(from * width, (from + rows) * width);
    const stored = statementFor(columns, rows).run(...part).changes;
    if (stored === rows) {
      for (let r = 0; r < rows; r++) ids[from + r] = part[r * width + columns.idAt] as number;
      return stored;
    }
    // Some were duplicates: a row was stored when the session its key leads to has the row's id
    // (an in-group repeat finds the earlier row's id instead).
    for (let r = 0; r < rows; r++) {
      const at = r * width;
      const id = idOfKey.get(part[at + columns.startAt], part[at + columns.keyHashAt]) as number | undefined;
      // OR IGNORE would also swallow an id conflict: such a row is neither stored nor a duplicate.
      const given = part[at + columns.idAt];
      if (id === undefined) throw new Error(`Session id ${given} is taken: the row was not stored.`);
      ids[from + r] = id === given ? id : 0;
    }
    return stored;
  };
  const insert = (values: unknown[], rows: number, ids: Float64Array, columns = all): number => {
    if (rows === SESSION_GROUP_ROWS) return insertRun(values, 0, rows, ids, columns);
    let stored = 0;
    let from = 0;
    for (let size = SESSION_GROUP_ROWS; size >= 1; size /= 2) {
      if (rows - from < size) continue;
      stored += insertRun(values, from, size, ids, columns);
      from += size;
    }
    return stored;
  };
  return Object.assign(insert, { columnsFor });
}

/**
 * The id for the next stored session: above every stored session and every id an import has used,
 * even one rolled back since (imports keep their id range). A session id is never handed out
 * twice, so a verdict, tag, case item or score recorded on a session can never come to describe
 * another one. Read inside the writer's (immediate) transaction, so concurrent writers take turns.
 */
export function prepareNextSessionId(db: Db): () => number {
  const stmt = db
    .prepare(
      `SELECT max(coalesce((SELECT max(id) FROM sessions), 0),
                  coalesce((SELECT max(last_session_id) FROM imports), 0)) + 1`,
    )
    .pluck();
  return () => stmt.get() as number;
}

/** The Session shape as SELECT columns (the field table's, then attrs); rows need `sessionFromRow` for their attrs. */
export const SESSION_COLUMNS = [
  ...SESSION_FIELDS.map(selectSql),
  '(SELECT json FROM attr_sets WHERE attr_sets.id = sessions.attrs_id) AS attrs',
].join(', ');

export type SessionRowOut = Omit<Session, 'attrs'> & { attrs: string | null };

export function sessionFromRow(row: SessionRowOut): Session {
  return { ...row, attrs: row.attrs ? JSON.parse(row.attrs) : null };
}

/**
 * ORDER BY columns per sort field. The indexed sorts list their index's columns in full
 * (sessions_key: start_ts, key_hash; sessions_src_sort / sessions_dst_sort: the address's sort
 * key, start_ts; then the rowid), so the walk needs no temp B-tree; the other sortable fields of
 * the field table are a scan + top-N sort (~0.3 s at 1 M). The addresses sort by their stored key
 * (address-sort-key.ts: IPv4 numerically, then IPv6, then other texts, then none), not by their
 * text, where 10.0.0.10 came before 10.0.0.9.
 */
const INDEXED_SORTS: Partial<Record<SortableFieldName, string[]>> = {
  startTs: ['start_ts', 'key_hash', 'id'],
  ...Object.fromEntries(ADDRESS_SORT_KEYS.map((address) => [address.field, [address.key, 'start_ts', 'id']])),
};
const SORT_ORDERS = new Map<string, string[]>(
  SESSION_FIELDS.flatMap((field) =>
    'sortable' in field && field.sortable
      ? [[field.name, INDEXED_SORTS[field.name] ?? [readSql(field), 'id']] as const]
      : [],
  ),
);
// Sorts by a session's marks, not its fields: no index of `sessions` holds them, so both are a scan
// and top-N sort, offered under the same size rule as the other unindexed sorts. The score is one
// primary-key lookup per session in the run's scores (the run is bound as @scoreRun; unscored
// sessions sort as null); flagged is the detection set's test, newest first within each side.
SORT_ORDERS.set('score', [
  '(SELECT score FROM scores WHERE run_id = @scoreRun AND session_id = sessions.id)',
  'id',
]);
SORT_ORDERS.set('flagged', [`(id IN (${FLAGGED_IDS_SQL}))`, 'start_ts', 'id']);
// Rule hits: the most severe level a session's hits reach, then how many rules it hit (the
// Sessions column's "2 · high"), through the hits' primary key (session_id, rule).
SORT_ORDERS.set('ruleHits', [
  '(SELECT max(level) FROM rule_hits WHERE session_id = sessions.id)',
  '(SELECT count(*) FROM rule_hits WHERE session_id = sessions.id)',
  'start_ts',
  'id',
]);

/** The order of an unknown sort name. */
const BY_START = must(SORT_ORDERS.get('startTs'), 'the sort by start time');

export function whereClause(filter: ScopedFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const finished = finishedOnlySql(filter.unfinishedImports ?? []);
  if (finished) parts.push(finished);
  const params: Record<string, unknown> = {};
  const add = (sql: string, key: string, value: unknown) => {
    if (value === undefined) return;
    parts.push(sql);
    params[key] = value;
  };
  add('start_ts >= @from', 'from', filter.from);
  add('start_ts < @to', 'to', filter.to);
  // An endpoint (a graph edge's end) in every text form a log may have written it (address-sql.ts):
  // the graph draws the forms of one address as one node, so its edge lists all of their sessions.
  const anyForm = (column: string, key: string, address: string | undefined) => {
    if (address === undefined) return;
    const forms = addressMatch(address, key);
    parts.push(forms.match(column));
    Object.assign(params, forms.params);
  };
  anyForm('src_ip', 'srcIp', filter.srcIp);
  anyForm('dst_ip', 'dstIp', filter.dstIp);
  add('country = @country', 'country', filter.country);
  add('detection_type = @detectionType', 'detectionType', filter.detectionType);
  add('dst_port = @dstPort', 'dstPort', filter.dstPort);
  add('import_id = @importId', 'importId', filter.importId);
  if (filter.clauses) parts.push(...clausesToSql(filter.clauses, params));
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The filter's WHERE clause with one more condition AND-ed on. */
export function filterAnd(filter: ScopedFilter, condition: string) {
  const where = whereClause(filter);
  return { sql: where.sql ? `${where.sql} AND (${condition})` : `WHERE ${condition}`, params: where.params };
}

const orderOf = (keys: readonly string[], direction: 'asc' | 'desc') => {
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return keys.map((key) => `${key} ${dir}`).join(', ');
};

export function sessionOrder(sort: string, direction: 'asc' | 'desc'): string {
  return orderOf(SORT_ORDERS.get(sort) ?? BY_START, direction);
}

/** The parameters a sort's keys name: the score sort's run, the active one (none: every score null). */
export function sortParams(db: Db, sort: string): Record<string, unknown> {
  return sort === 'score' ? { scoreRun: activeRun(db)?.id ?? null } : {};
}

// The address sort indexes hold (address key, start_ts, id): a walk in their order tests these
// terms without reading a row.
const ADDRESS_SORTS: Record<string, keyof SessionFilter> = { srcIp: 'srcIp', dstIp: 'dstIp' };

/**
 * The keys a page of `filter` is ordered by under `sort`, all in the page's direction, the id last:
 * a total order, ties included, which a session's row number counts in (session-row.ts).
 *
 * A filter on the sorted address itself (an IP's sessions sorted by that IP) leaves one key: every
 * text form the exact match finds (address-sql.ts) is one address and has its one key
 * (address-sort-key.ts). The key then orders nothing and the page is in start_ts, id order: the
 * address's text index (sessions_src / sessions_dst: text, start_ts, id) finds its sessions
 * without reading a row and only their ids are sorted, where the key order read each of them for
 * its key.
 */
export function pageKeys(filter: SessionFilter, sort: string): readonly string[] {
  const address = ADDRESS_SORTS[sort];
  if (address && filter[address] !== undefined) return ['start_ts', 'id'];
  return SORT_ORDERS.get(sort) ?? BY_START;
}

/**
 * The ORDER BY for a page. An address sort walks its key index; a filter term the index lacks (a
 * country, a port, any clause) made that walk read each session's row to test it, in address
 * order, one random 64 KiB page per session: 7.7 s for the last page of one country sorted by
 * source at 1 M sessions. Then `+` on the key keeps SQLite off the index, and it scans and sorts
 * instead (75–370 ms). With a filter on the sorted address (pageKeys: start_ts, id), `+` keeps
 * SQLite from walking the time index to test each session's address.
 */
export function pageOrder(filter: SessionFilter, sort: string, direction: 'asc' | 'desc'): string {
  const order = orderOf(pageKeys(filter, sort), direction);
  const address = ADDRESS_SORTS[sort];
  if (!address) return order;
  const offIndex = filter[address] !== undefined || !filterOnlyUses(filter, ['from', 'to', address]);
  return offIndex ? `+${order}` : order;
}

/**
 * Deferred join: OFFSET skips entries of a covering index (ids only) instead of whole rows, so
 * page 5 000 of a million costs ~50 ms rather than seconds; then only the page's rows are read.
 */
export function sessionPageSql(where: string, order: string, index: string | null = null): string {
  const walk = index === null ? '' : `INDEXED BY ${index}`;
  return `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id IN (
      SELECT id FROM sessions ${walk} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset)
    ORDER BY ${order}`;
}

/** The share of the sessions (one in this many) a time range holds from which the walk wins. */
const WALK_SHARE = 8;

/**
 * The index a page of a time range sorted by an address walks, or null to leave it to SQLite.
 * SQLite finds the range by the time index and sorts every session in it by address: 0.3 s for the
 * first page of a 7-day range at 1 M sessions, 1 s for its middle page. The address's key index
 * holds start_ts, so walking it tests the range without reading a row and costs at most one pass
 * (20–45 ms at 1 M). The walk wins once the range holds an eighth of the sessions or more; for
 * fewer, sorting them is cheaper (1 ms for a minute's, which the walk would pass the index for).
 * While a bulk import has dropped the indexes (session-indexes.ts) there is nothing to walk.
 */
export function addressWalkIndex(
  db: Db,
  filter: ScopedFilter,
  sort: string,
  matching: number,
): string | null {
  const address = ADDRESS_SORTS[sort];
  if (!address || filter[address] !== undefined) return null;
  // Without a range SQLite walks the index already; with another term the walk would read rows.
  if (filter.from === undefined && filter.to === undefined) return null;
  if (!filterOnlyUses(filter, ['from', 'to', address])) return null;
  if (matching * WALK_SHARE < maxSessionId(db)) return null;
  return sessionIndexesPresent(db) ? ADDRESS_SORT_INDEX[address as keyof typeof ADDRESS_SORT_INDEX] : null;
}

export function sessionPage(
  db: Db,
  query: { filter: SessionFilter; sort: string; direction: 'asc' | 'desc'; offset: number; limit: number },
): { items: Session[]; total: number } {
  return sessionPageWhere(db, whereClause(query.filter), query, true);
}

/** A page of the sessions a WHERE clause selects (sessionPage's filter, or one with a condition more). */
export function sessionPageWhere(
  db: Db,
  { sql, params }: { sql: string; params: Record<string, unknown> },
  query: { filter: SessionFilter; sort: string; direction: 'asc' | 'desc'; offset: number; limit: number },
  walkable = false,
): { items: Session[]; total: number } {
  const order = pageOrder(query.filter, query.sort, query.direction);
  const scoreRun = sortParams(db, query.sort);
  const { total } = db.prepare(`SELECT count(*) AS total FROM sessions ${sql}`).get(params) as {
    total: number;
  };
  // Only a page of the filter alone may walk an address index: a caller's extra condition may need rows.
  const index = walkable ? addressWalkIndex(db, query.filter, query.sort, total) : null;
  const rows = db
    .prepare(sessionPageSql(sql, order, index))
    .all({ ...params, ...scoreRun, limit: query.limit, offset: query.offset }) as SessionRowOut[];
  return { items: rows.map(sessionFromRow), total };
}

export function countSessions(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
}

export function hasSessions(db: Db): boolean {
  return db.prepare('SELECT 1 FROM sessions LIMIT 1').get() !== undefined;
}

export function deleteSessionsOfImport(
  db: Db,
  importId: number,
  range: { first: number; last: number },
): number {
  return db
    .prepare('DELETE FROM sessions WHERE id BETWEEN ? AND ? AND import_id = ?')
    .run(range.first, range.last, importId).changes;
}
