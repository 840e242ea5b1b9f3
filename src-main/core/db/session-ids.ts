// The ids of the sessions a filter selects, for a change that records them one by one (a case's
// items): the evidence keeps those ids, whatever is imported later.
import type { Db } from './open.js';
import { whereClause } from './sessions.js';
import type { ScopedFilter } from './visibility.js';

/** At most `limit` ids in id order, and whether more sessions matched. */
export function sessionIdsMatching(
  db: Db,
  filter: ScopedFilter,
  limit: number,
): { ids: number[]; more: boolean } {
  const { sql, params } = whereClause(filter);
  const ids = db
    .prepare(`SELECT id FROM sessions ${sql} ORDER BY id LIMIT ${Math.floor(limit) + 1}`)
    .pluck()
    .all(params) as number[];
  return { ids: ids.slice(0, limit), more: ids.length > limit };
}

/** Sessions matching `filter`, counted (for a refusal that says how many). */
export function sessionsMatching(db: Db, filter: ScopedFilter): number {
  const { sql, params } = whereClause(filter);
  return db.prepare(`SELECT count(*) FROM sessions ${sql}`).pluck().get(params) as number;
}
