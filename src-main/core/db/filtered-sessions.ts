// What a filter selects, read whole where a page of it is not enough: the ids (a case's items
// record them one by one, so the evidence keeps them whatever is imported later), their count, and
// the first and last start (`vigil stats --filter`), each in one statement.
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

/** The first and last start of the sessions `filter` selects (null when none). */
export function sessionSpan(db: Db, filter: ScopedFilter): { firstTs: number | null; lastTs: number | null } {
  const { sql, params } = whereClause(filter);
  return db
    .prepare(`SELECT min(start_ts) AS firstTs, max(start_ts) AS lastTs FROM sessions ${sql}`)
    .get(params) as { firstTs: number | null; lastTs: number | null };
}
