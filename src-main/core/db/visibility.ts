// Only finished work is shown. An import commits its sessions batch by batch (so a crash loses at
// most one batch and recovery can undo the rest), which makes them readable before the import is
// done; these helpers keep every view, count, export, model and verdict to sessions of finished
// imports. An import's rollup share is staged until it is done (db/staged-rollups.ts), so this
// concerns the reads that scan sessions.
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { Db } from './open.js';

/** A filter as the core runs it: with the imports whose sessions must not be shown yet. */
export type ScopedFilter = SessionFilter & { unfinishedImports?: readonly number[] };

/** Imports still being written, by this process or another. Usually none. */
export function unfinishedImports(db: Db): number[] {
  return db.prepare(`SELECT id FROM imports WHERE status = 'running' ORDER BY id`).pluck().all() as number[];
}

/**
 * `import_id NOT IN (…)` for these imports, or null when there are none (the usual case, which then
 * costs nothing). The ids are integers from the database, spliced as literals.
 */
export function finishedOnlySql(unfinished: readonly number[], column = 'import_id'): string | null {
  if (unfinished.length === 0) return null;
  return `${column} NOT IN (${unfinished.map((id) => Math.trunc(id)).join(', ')})`;
}

/** The same filter, scoped to finished imports. */
export function scopeToFinished(db: Db, filter: SessionFilter): ScopedFilter {
  const unfinished = unfinishedImports(db);
  return unfinished.length ? { ...filter, unfinishedImports: unfinished } : filter;
}

/** Why work on these sessions is refused, or null when every one belongs to a finished import. */
export function unfinishedSessionsError(db: Db, sessionIds: readonly number[]): string | null {
  const unfinished = unfinishedImports(db);
  if (unfinished.length === 0 || sessionIds.length === 0) return null;
  const row = db
    .prepare(
      `SELECT id, import_id AS importId FROM sessions
       WHERE id IN (SELECT value FROM json_each(?)) AND ${finishedOnlySql(unfinished)?.replace('NOT IN', 'IN')}
       ORDER BY id LIMIT 1`,
    )
    .get(JSON.stringify(sessionIds)) as { id: number; importId: number } | undefined;
  if (!row) return null;
  return `Session ${row.id} belongs to import #${row.importId}, which has not finished: verdicts, tags, cases and scores attach only to sessions of finished imports. Try again once it is done.`;
}
