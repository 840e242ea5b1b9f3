// The sessions an analyst's work may attach to: stored ones, of finished imports (db/visibility.ts).
import type { Db } from '../db/open.js';
import { existingSessionIds } from '../db/verdicts.js';
import { unfinishedSessionsError } from '../db/visibility.js';

/**
 * The distinct ids, in order, once every one is a stored session of a finished import; otherwise
 * the refusal says which is not. A verdict, tag, case item or score on a session that an import is
 * still writing could outlive it (the import may yet be cancelled or cut off), so it is refused.
 */
export function requireStoredSessions(db: Db, ids: readonly number[]): number[] {
  const unique = [...new Set(ids)];
  const known = existingSessionIds(db, unique);
  if (known.length !== unique.length) {
    const set = new Set(known);
    const missing = unique.filter((id) => !set.has(id)).slice(0, 10);
    throw new Error(`No stored session with id ${missing.join(', ')}.`);
  }
  const unfinished = unfinishedSessionsError(db, known);
  if (unfinished) throw new Error(unfinished);
  return known;
}

/**
 * The same refusal, checked before a write transaction waits for the lock: an import holds the
 * write lock for each batch, and an analyst's action on one of its sessions should be refused at
 * once, not after waiting (up to the busy timeout) for a lock it would then be refused under. The
 * check inside the transaction still decides; this one only answers early.
 */
export function refuseEarly(db: Db, ids: readonly number[] | undefined): void {
  if (ids && ids.length > 0) requireStoredSessions(db, ids);
}
