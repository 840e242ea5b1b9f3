// A floor for the weblog bench's target: Debian's sqlite3, in C, storing the very rows our import
// stored (its sessions table, copied into a fresh Vigil database before the clock starts) into
// Vigil's sessions table with the indexes our import keeps live (the natural key, the partial one on
// requests with a query), then building the query indexes after the load, as our import does, with
// the same sorter threads. It parses nothing and keeps no interned texts, rule hits or rollups, so
// it does less than `vigil ingest`; if it alone takes longer than the target leaves for the whole
// import, no importer that stores each request as a row of this table (with these indexes) meets
// that target on this machine.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { QUERY_INDEXES } from './ingest-same-storage.mjs';
import { measure } from './measure.mjs';
import { vigil } from './vigil-process.mjs';

/**
 * Times sqlite3 storing the sessions of `ourDb` into a fresh database at `floorDb`.
 * @returns the measure (seconds, CPU s, peak RSS) and the rows stored
 */
export async function storageFloor(ourDb, floorDb) {
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(floorDb + suffix, { force: true });
  };
  remove();
  await vigil('stats', '--db', floorDb, '--json'); // creates the database with every migration
  const { columns, indexSql } = stageRows(ourDb, floorDb);
  const script = path.join(path.dirname(floorDb), 'storage-floor.sql');
  fs.writeFileSync(script, storageScript(columns, indexSql));
  try {
    const result = measure('sqlite3', [floorDb, `.read ${script}`]);
    return { ...result, stored: Number(result.stdout.trim().split('\n').at(-1)) };
  } finally {
    remove();
    fs.rmSync(script, { force: true });
  }
}

/**
 * Untimed: drops the query indexes (built after a load, as our import does), copies our import
 * (its row and its sessions, as stored) into a staging table of the floor database; returns the
 * columns and the indexes' DDL.
 */
function stageRows(ourDb, floorDb) {
  const db = new Database(floorDb);
  try {
    const indexSql = QUERY_INDEXES.map((name) => {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name);
      if (!sql) throw new Error(`weblog storage floor: no index ${name} in a new database`);
      return sql;
    });
    for (const name of QUERY_INDEXES) db.exec(`DROP INDEX ${name}`);
    // Every stored column but the id and the generated ones (table_xinfo's hidden 2 and 3).
    const columns = db
      .prepare(`SELECT name FROM pragma_table_xinfo('sessions') WHERE hidden = 0 AND name <> 'id'`)
      .pluck()
      .all();
    db.prepare('ATTACH DATABASE ? AS ours').run(ourDb);
    db.exec('INSERT INTO imports SELECT * FROM ours.imports');
    db.exec(`CREATE TABLE bench_rows AS SELECT ${columns.join(', ')} FROM ours.sessions ORDER BY id`);
    db.exec('DETACH DATABASE ours');
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { columns, indexSql };
  } finally {
    db.close();
  }
}

function storageScript(columns, indexSql) {
  const list = columns.join(', ');
  return `PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -32768;
PRAGMA threads = 2;
BEGIN;
INSERT INTO sessions (${list}) SELECT ${list} FROM bench_rows ORDER BY rowid;
COMMIT;
${indexSql.map((sql) => `${sql};`).join('\n')}
SELECT count(*) FROM sessions;
`;
}
