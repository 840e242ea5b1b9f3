import type { Db } from './open.js';

/** The sessions query indexes. Kept here so migrations, bulk imports and recovery agree on them. */
// Time-range queries use the unique natural-key index, which leads with start_ts. sessions_src /
// sessions_dst find addresses by their text as logged (an exact address in each of its forms, a
// CIDR block's text ranges, a typed prefix: address-sql.ts, filter-sql.ts); sessions_src_sort /
// sessions_dst_sort hold each address's sort key (address-sort-key.ts, migration 027), which the
// Sessions table's address sorts walk (sessions.ts). A key cannot replace the text in the first
// pair: prefixes, joins with the rollups' texts and the lookups by logged text read the text.
const QUERY_INDEXES = [
  'CREATE INDEX IF NOT EXISTS sessions_src ON sessions(src_ip, start_ts)',
  'CREATE INDEX IF NOT EXISTS sessions_dst ON sessions(dst_ip, start_ts)',
  'CREATE INDEX IF NOT EXISTS sessions_src_sort ON sessions(src_ip_sort_key, start_ts)',
  'CREATE INDEX IF NOT EXISTS sessions_dst_sort ON sessions(dst_ip_sort_key, start_ts)',
];
/** The index each address sort walks (its key, start_ts): sessions.ts pages by it. */
export const ADDRESS_SORT_INDEX = { srcIp: 'sessions_src_sort', dstIp: 'sessions_dst_sort' } as const;
const NAMES = ['sessions_src', 'sessions_dst', ...Object.values(ADDRESS_SORT_INDEX)];

export function ensureSessionIndexes(db: Db): void {
  // A build sorts every session: SQLite's sorter may then use a helper thread, which the import's
  // parser no longer needs (10 M rows: 14.3 s → 10.2 s). Queries keep the single-threaded default.
  const threads = db.pragma('threads', { simple: true }) as number;
  db.pragma('threads = 2');
  try {
    for (const ddl of QUERY_INDEXES) db.exec(ddl);
  } finally {
    db.pragma(`threads = ${threads}`);
  }
}

export function dropSessionIndexes(db: Db): void {
  for (const name of NAMES) db.exec(`DROP INDEX IF EXISTS ${name}`);
}

export function sessionIndexesPresent(db: Db): boolean {
  const rows = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'`)
    .all() as { name: string }[];
  return NAMES.every((name) => rows.some((row) => row.name === name));
}

/** Highest session id: a cheap size estimate (no count(*) scan) for deciding on a bulk load. */
export function maxSessionId(db: Db): number {
  return (db.prepare('SELECT max(id) AS id FROM sessions').get() as { id: number | null }).id ?? 0;
}

export function hasRunningImport(db: Db): boolean {
  return db.prepare(`SELECT 1 FROM imports WHERE status = 'running' LIMIT 1`).get() !== undefined;
}
