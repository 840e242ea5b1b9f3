// An import's share of the rollups is staged on the writer's own connection and added to the real
// rollups in the transaction that marks the import done. Until then no dashboard counts it, and
// a crash or kill loses the staging with the connection (TEMP tables), so there is nothing to
// subtract. Measured at 1 M generated rows: see README "Every row is accounted for".
import type { Db } from './open.js';
import { ROLLUP_TABLES, type RollupTable } from './rollup-tables.js';

/** The TEMP table holding an import's share of `table` (one per writer connection). */
export const stagedName = (table: RollupTable) => `temp.staged_${table.name}`;

/** Creates (or empties) the staging tables, with the same keys as the real ones. */
export function createStagedRollups(db: Db): void {
  // The staging is upserted once per window and read once at the end: a small page cache (the
  // temp file is in the OS's cache anyway) keeps a 10 M-row import under its memory bound.
  db.pragma('temp.cache_size = -6144');
  for (const table of ROLLUP_TABLES) {
    const ddl = db
      .prepare(`SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?`)
      .pluck()
      .get(table.name) as string;
    db.exec(
      ddl.replace(`CREATE TABLE ${table.name}`, `CREATE TEMP TABLE IF NOT EXISTS staged_${table.name}`),
    );
    db.exec(`DELETE FROM ${stagedName(table)}`);
  }
}

/**
 * Sums a writer still holds in memory, staged just before the merge (one writer per connection):
 * the web-request sums (ingest/web-rollup-sums.ts) stage only when their memory budget fills,
 * since upserting each window's thousands of distinct paths cost more than the rest of them.
 */
const stageBeforeMerge = new WeakMap<Db, () => void>();

/** Registers what to stage before this connection's next merge (replacing any earlier one). */
export function onMerge(db: Db, stage: () => void): void {
  stageBeforeMerge.set(db, stage);
}

/** Adds the staged share to the real rollups and empties the staging (in the caller's transaction). */
export function mergeStagedRollups(db: Db): void {
  stageBeforeMerge.get(db)?.();
  stageBeforeMerge.delete(db);
  for (const table of ROLLUP_TABLES) {
    const columns = table.columns.join(', ');
    // `WHERE true` tells SQLite's parser the ON CONFLICT belongs to the INSERT, not to a join.
    db.exec(
      `INSERT INTO main.${table.name} (${columns}) SELECT ${columns} FROM ${stagedName(table)} WHERE true ${table.addTo}`,
    );
    db.exec(`DELETE FROM ${stagedName(table)}`);
  }
}

export function dropStagedRollups(db: Db): void {
  stageBeforeMerge.delete(db);
  for (const table of ROLLUP_TABLES) db.exec(`DROP TABLE IF EXISTS ${stagedName(table)}`);
}
