// "Flagged" on dashboards: flagged = 1 in any active model run. Per-bucket flagged counts are cached
// in rollup_flagged, keyed by the active runs and how many flags they hold, so a new run, a change
// of active run or more scores of a run all rebuild it on first use.
import type { Db } from './open.js';

export interface ActiveRuns {
  ids: number[];
  /** Cache key, or null while a run is still being scored (its flags are not final). */
  key: string | null;
}

export function activeRuns(db: Db): ActiveRuns {
  const runs = db.prepare('SELECT id, status FROM model_runs WHERE active = 1 ORDER BY id').all() as {
    id: number;
    status: string;
  }[];
  if (runs.length === 0) return { ids: [], key: null };
  const ids = runs.map((r) => r.id);
  if (runs.some((r) => r.status !== 'done')) return { ids, key: null };
  // Counted from the (run_id, flagged, score) index alone.
  const count = db.prepare('SELECT count(*) AS n FROM scores WHERE run_id = ? AND flagged = 1');
  const flags = runs.map((r) => (count.get(r.id) as { n: number }).n);
  return { ids, key: `${ids.join(',')}#${flags.join(',')}` };
}

/** SQL for the ids of flagged sessions (run ids are integers read from the database). */
export function flaggedIds(runs: ActiveRuns): string {
  return `SELECT session_id FROM scores WHERE run_id IN (${runs.ids.map((id) => Math.trunc(id)).join(', ')}) AND flagged = 1`;
}

const GRANULARITIES = '(SELECT 60000 AS g UNION ALL SELECT 3600000 UNION ALL SELECT 86400000)';

/** Builds rollup_flagged for these runs unless it is current; false when it cannot be cached. */
export function ensureFlaggedRollup(db: Db, runs: ActiveRuns): boolean {
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
       FROM sessions, ${GRANULARITIES} WHERE id IN (${flaggedIds(runs)}) GROUP BY 2, 3, 4, 5`,
    ).run({ key: runs.key });
    // Granularity 0 marks the set as built, even when it flagged nothing.
    db.prepare(
      `INSERT INTO rollup_flagged (run_set, granularity, bucket, country, detection_type, sessions) VALUES (?, 0, 0, '', '', 0)`,
    ).run(runs.key);
  })();
  return true;
}
