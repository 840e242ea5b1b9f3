import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { appRoot } from '../paths.js';
import { recoverInterruptedImports } from './import-rollback.js';
import { migrate } from './migrate.js';
import { interruptOrphanedRuns } from './model-runs.js';
import { registerSqlFunctions } from './sql-functions.js';

export type Db = Database.Database;

/**
 * Under Electron, SQLite's native module must be the one built for Electron's ABI (by the
 * postinstall script); plain Node (CLI, serve mode, tests) uses the package's own build.
 */
function nativeBinding(): string | undefined {
  const electron = process.versions.electron;
  if (!electron) return undefined;
  const file = path.join(
    appRoot(),
    'node_modules',
    '.vigil-native',
    `electron-${electron}`,
    'better_sqlite3.node',
  );
  return fs.existsSync(file) ? file : undefined;
}

export interface OpenOptions {
  readonly?: boolean;
  /** SQLite's page cache in KiB (default 32 MiB); an import thread asks for less. */
  cacheKib?: number;
}

/**
 * Makes `db.transaction(fn)()` begin IMMEDIATE (`.deferred()` stays for a read snapshot). Several
 * connections write one database (the writer thread, import, rules and score workers, a read
 * worker building a rollup); a deferred transaction that reads first and writes later fails at once
 * with "database is locked" (SQLITE_BUSY_SNAPSHOT, which the busy timeout does not wait out) when
 * another connection commits in between. Taking the write lock at BEGIN waits its turn instead.
 */
function beginTransactionsImmediate(db: Db): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn) => transaction(fn).immediate) as Db['transaction'];
}

/**
 * Opens (creating if needed) a Vigil database, brings its schema up to date and recovers from a
 * crash or kill of an earlier process (see below).
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (!options.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, nativeBinding: nativeBinding() });
  try {
    // A write waits for another process's write (an import commits a batch, or merges its rollups
    // at the end) rather than failing with "database is locked": on a loaded machine a batch can
    // hold the lock for seconds, and the analyst would rather wait than retry by hand.
    db.pragma('busy_timeout = 30000');
    // 64 KiB pages make bulk inserts about a third cheaper than the 4 KiB default (bench/ingest);
    // it only takes effect on a new, empty database.
    if (!options.readonly) db.pragma('page_size = 65536');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${Math.trunc(options.cacheKib ?? 32_768)}`);
    registerSqlFunctions(db);
    if (!options.readonly) {
      beginTransactionsImmediate(db);
      migrate(db);
      // Every writable open, whoever opens (app, serve, any CLI command), first undoes the work a
      // dead process left unfinished, so no entry point ever shows it as running or counts it.
      // recoverInterruptedImports also restores the query indexes a bulk import dropped, unless an
      // import of a live process is still running.
      recoverInterruptedImports(db);
      interruptOrphanedRuns(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
