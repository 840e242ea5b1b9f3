// "Flagged" on dashboards: the detection set's flags (db/detection-set.ts). Per-bucket flagged
// counts are cached in rollup_flagged, keyed by the set and how many flags it holds, so a new run,
// a change of active run or rule level, more scores of a run or a rules run all rebuild it on first
// use.
import { FLAGGED_IDS_SQL, flaggedSetKey, readDetectionSet } from './detection-set.js';
import type { Db } from './open.js';

export interface FlaggingSet {
  /** Whether anything can flag: an active run, or rule hits at some level. */
  flags: boolean;
  /** Cache key, or null while a run is still being scored (its flags are not final). */
  key: string | null;
}

export function flaggingSet(db: Db): FlaggingSet {
  const set = readDetectionSet(db);
  return { flags: set.runs.length > 0 || set.ruleLevel !== null, key: flaggedSetKey(db) };
}

/** SQL for the ids of flagged sessions. */
export const flaggedIds = (): string => FLAGGED_IDS_SQL;

/** The ids of the flagged sessions. */
export function flaggedSessionIds(db: Db): number[] {
  return db.prepare(FLAGGED_IDS_SQL).pluck().all() as number[];
}

const GRANULARITIES = '(SELECT 60000 AS g UNION ALL SELECT 3600000 UNION ALL SELECT 86400000)';

/** Builds rollup_flagged for these runs unless it is current; false when it cannot be cached. */
export function ensureFlaggedRollup(db: Db, runs: FlaggingSet): boolean {
  if (runs.key === null) return false;
  const built = db
    .prepare('SELECT 1 FROM rollup_flagged WHERE run_set = ? AND granularity = 0')
    .get(runs.key);
  if (built) return true;
  db.transaction(() => {
    db.prepare('DELETE FROM rollup_flagged').run();
    db.prepare(
      `INSERT INTO rollup_flagged (run_set, granularity, bucket, country, detection_type, sessions)
       SELECT @key, g, (start_ts / g) * g, coalesce(country, ''), coalesce(detection_type, ''), count(*)
       FROM sessions, ${GRANULARITIES} WHERE id IN (${flaggedIds()}) GROUP BY 2, 3, 4, 5`,
    ).run({ key: runs.key });
    // Granularity 0 marks the set as built, even when it flagged nothing.
    db.prepare(
      `INSERT INTO rollup_flagged (run_set, granularity, bucket, country, detection_type, sessions) VALUES (?, 0, 0, '', '', 0)`,
    ).run(runs.key);
  })();
  return true;
}
