import type { Db } from './open.js';

export interface KeyHolder {
  id: number;
  importId: number;
}

/** The session stored under (start, key), if any: one probe of the unique sessions_key index. */
export function prepareKeyHolder(db: Db): (startTs: number, key: number) => KeyHolder | undefined {
  const stmt = db.prepare(
    'SELECT id, import_id AS importId FROM sessions WHERE start_ts = ? AND key_hash = ?',
  );
  return (startTs, key) => stmt.get(startTs, key) as KeyHolder | undefined;
}

/**
 * Sessions stored before rows were keyed by their source's event id, from sources that have one
 * (WAF logs, CloudWatch pulls): they are keyed by their fields alone. Recorded once by migration
 * 013; null when there are none.
 */
export interface LegacyEventSessions {
  minStartTs: number;
  maxStartTs: number;
  maxId: number;
}

export function legacyEventSessions(db: Db): LegacyEventSessions | null {
  // Tests build databases as an older schema left them (before 013: no such table, no such sessions).
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'legacy_event_sessions'`).get();
  if (exists === undefined) return null;
  const row = db
    .prepare(
      'SELECT min_start_ts AS minStartTs, max_start_ts AS maxStartTs, max_id AS maxId FROM legacy_event_sessions',
    )
    .get() as LegacyEventSessions | undefined;
  return row ?? null;
}
