import type Database from 'better-sqlite3';
import { addressSortKey, NO_ADDRESS_KEY_SQL } from '../address-sort-key.js';
import { maxSessionId } from '../session-indexes.js';
import type { Migration } from './index.js';

/**
 * The sort keys of each session's source and destination address (address-sort-key.ts), so that
 * the Sessions table sorts addresses as addresses (10.0.0.9 before 10.0.0.10, IPv4 before IPv6,
 * no address last) by walking an index, as it did on the texts. NOT NULL with the key of "no
 * address" as default: adding the columns rewrites no row, and a row another program (the sqlite3
 * shell) adds without keys sorts with the sessions that have no address instead of failing.
 *
 * The backfill computes one key per distinct address text in JS (the writer's function: no SQL
 * function is registered, so the file stays the stock shell's) into a temporary table, then one
 * UPDATE in SQLite copies them onto the rows: a million sessions take a few seconds, where an
 * UPDATE per row from JS cost a statement call per session. The indexes that walk the keys
 * (sessions_src_sort, sessions_dst_sort) are built after it by ensureSessionIndexes, which every
 * writable open runs once no import is running (db/open.ts, session-indexes.ts): built on the
 * filled columns, not kept up row by row during the UPDATE.
 *
 * It imports today's addressSortKey: the keys it writes must be the ones the writer writes. A
 * change of the encoding needs a migration of its own that computes them again.
 */
export const addressSortKeys: Migration = {
  name: 'sessions: sort keys of the source and destination addresses',
  sql: `
ALTER TABLE sessions ADD COLUMN src_ip_sort_key BLOB NOT NULL DEFAULT ${NO_ADDRESS_KEY_SQL};
ALTER TABLE sessions ADD COLUMN dst_ip_sort_key BLOB NOT NULL DEFAULT ${NO_ADDRESS_KEY_SQL};
`,
  run: backfill,
  notice:
    'Updating the database: keying the stored addresses so they sort as addresses (once; about 10 s per million sessions)…',
  // Worth a word past a second or so; the largest id bounds the count without counting.
  noticeWhen: (db) => maxSessionId(db) > NOTICE_SESSIONS,
};

const NOTICE_SESSIONS = 150_000;

function backfill(db: Database.Database): void {
  // Distinct texts through the address indexes when they are there (a covering walk each).
  const texts = db
    .prepare(
      `SELECT src_ip FROM sessions WHERE src_ip <> ''
       UNION SELECT dst_ip FROM sessions WHERE dst_ip <> ''`,
    )
    .pluck()
    .all() as string[];
  if (texts.length === 0) return;
  db.exec(
    'CREATE TEMP TABLE address_sort_keys (address TEXT PRIMARY KEY, sort_key BLOB NOT NULL) WITHOUT ROWID',
  );
  try {
    const insert = db.prepare('INSERT INTO temp.address_sort_keys VALUES (?, ?)');
    for (const text of texts) insert.run(text, addressSortKey(text));
    // An empty or missing address keeps the default, the key of no address.
    const keyOf = (column: string) =>
      `coalesce((SELECT sort_key FROM temp.address_sort_keys WHERE address = ${column}), ${NO_ADDRESS_KEY_SQL})`;
    db.exec(`UPDATE sessions SET src_ip_sort_key = ${keyOf('src_ip')}, dst_ip_sort_key = ${keyOf('dst_ip')}`);
  } finally {
    db.exec('DROP TABLE temp.address_sort_keys');
  }
}
