// An import's share of the rollups is staged on the writer's own connection and added to the real
// rollups in the transaction that marks the import done. Until then no dashboard counts it, and
// a crash or kill loses the staging with the connection (TEMP tables), so there is nothing to
// subtract. Measured at 1 M generated rows: see README "Every row is accounted for".
import type { Db } from './open.js';
import { ROLLUP_TABLES, type RollupTable } from './rollup-tables.js';

/** The TEMP table holding an import's share of `table` (one per writer connection). */
export const stagedName = (table: RollupTable) => `temp.staged_${table.name}`;

/**
 * Columns the staging adds to a table: each staged pair keeps its source's country and the window
 * that staged it first, from which the staged sources are summed (db/staged-pairs.ts).
 */
const STAGED_ONLY: Partial<Record<RollupTable['name'], readonly string[]>> = {
  rollup_pairs: ["country TEXT NOT NULL DEFAULT ''", 'first_window INTEGER NOT NULL DEFAULT 0'],
};

/** Creates the staging tables afresh, with the same keys as the real ones. */
export function createStagedRollups(db: Db): void {
  // The staging is upserted once per window and read once at the end: a small page cache (the
  // temp file is in the OS's cache anyway) keeps a 10 M-row import under its memory bound.
  db.pragma('temp.cache_size = -6144');
  for (const table of ROLLUP_TABLES) {
    const ddl = db
      .prepare(`SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?`)
      .pluck()
      .get(table.name) as string;
    db.exec(`DROP TABLE IF EXISTS ${stagedName(table)}`);
    db.exec(ddl.replace(`CREATE TABLE ${table.name}`, `CREATE TEMP TABLE staged_${table.name}`));
    for (const column of STAGED_ONLY[table.name] ?? [])
      db.exec(`ALTER TABLE ${stagedName(table)} ADD COLUMN ${column}`);
  }
}

/**
 * Sums a writer has not staged yet, staged just before the merge (one writer per connection): the
 * web-request sums (ingest/web-rollup-sums.ts) stage only when their memory budget fills, since
 * upserting each window's thousands of distinct paths cost more than the rest of them, and the
 * staged sources are summed from the staged pairs (db/staged-pairs.ts).
 */
const stageBeforeMerge = new WeakMap<Db, Map<string, () => void>>();

/** Registers what to stage before this connection's next merge (replacing an earlier one of `name`). */
export function onMerge(db: Db, name: string, stage: () => void): void {
  let stages = stageBeforeMerge.get(db);
  if (stages === undefined) {
    stages = new Map();
    stageBeforeMerge.set(db, stages);
  }
  stages.set(name, stage);
}

/** Adds the staged share to the real rollups and empties the staging (in the caller's transaction). */
export function mergeStagedRollups(db: Db): void {
  for (const stage of stageBeforeMerge.get(db)?.values() ?? []) stage();
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
