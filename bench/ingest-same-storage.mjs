// A second reference for the ingest bench: Debian's sqlite3, in C, doing the storage work our import
// does, without the rest. It stores the CloudWatch CSV into Vigil's own sessions table (made by our
// migrations) with its natural-key index live, then builds the query indexes after the load, as
// our import does, with the same sorter threads. The shell cannot compute the addresses' sort keys
// (migration 027, computed in JS), so its rows keep the default key and its key indexes are built
// over one value: a little less work than ours. The sqlite3 shell cannot transform rows while
// it imports (an INSTEAD OF trigger on a view took 14.5 s at 1 M rows), so it stages the text in a
// temporary table and converts with INSERT … SELECT. It does not validate, enrich, de-duplicate,
// keep attributes or rollups, so it is the C floor for our storage, not a full equivalent.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { measure } from './measure.mjs';
import { vigil } from './vigil-process.mjs';

/** The indexes our import builds after a bulk load (core/db/session-indexes.ts owns the list). */
export const QUERY_INDEXES = ['sessions_src', 'sessions_dst', 'sessions_src_sort', 'sessions_dst_sort'];

/** Times sqlite3 storing `file` (a `vigil generate` CloudWatch CSV) into a fresh Vigil database. */
export async function sameStorageReference(file, dbFile) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  await vigil('stats', '--db', dbFile, '--json'); // creates the database with every migration
  const indexSql = prepareEmptyStore(dbFile);
  const script = path.join(path.dirname(dbFile), 'same-storage.sql');
  fs.writeFileSync(script, storageScript(file, indexSql));
  const result = measure('sqlite3', [dbFile, `.read ${script}`]);
  const stored = Number(result.stdout.trim().split('\n').at(-1));
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  return { ...result, stored };
}

/** Drops the query indexes (our import does too) and adds the import row; returns their DDL. */
function prepareEmptyStore(dbFile) {
  const db = new Database(dbFile);
  try {
    const indexSql = QUERY_INDEXES.map((name) =>
      db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).pluck().get(name),
    );
    for (const name of QUERY_INDEXES) db.exec(`DROP INDEX ${name}`);
    db.prepare(
      `INSERT INTO imports (id, file, file_name, format, size_bytes, quick_hash, status, started_at)
       VALUES (1, ?, ?, 'cloudwatch-csv', 0, '', 'running', 0)`,
    ).run(dbFile, path.basename(dbFile));
    return indexSql;
  } finally {
    db.close();
  }
}

function storageScript(file, indexSql) {
  return `PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -32768;
PRAGMA threads = 2;
.import --csv --schema temp ${file} raw
BEGIN;
INSERT INTO sessions (import_id, key_hash, start_ts, end_ts, src_ip, dst_ip, dst_port, protocol,
  bytes_in, bytes_out, response_code, country, rule_name, detection_type, label, raw_line)
SELECT 1, rowid * 2654435761 % 9007199254740991, unixepoch(creation_time) * 1000,
  unixepoch(end_time) * 1000, src_ip, dst_ip, CAST(dst_port AS INTEGER), protocol,
  CAST(bytes_in AS INTEGER), CAST(bytes_out AS INTEGER), CAST("response.code" AS INTEGER),
  src_ip_country_code, rule_names, detection_types, label, rowid + 1
FROM temp.raw;
COMMIT;
${indexSql.map((sql) => `${sql};`).join('\n')}
SELECT count(*) FROM sessions;
`;
}
