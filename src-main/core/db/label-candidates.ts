// "Label next" candidates: the un-verdicted sessions a run scored nearest the cut it flags at (its
// stored threshold). A run that flags at 0.12 is unsure about sessions near 0.12; asking about
// those near 0.5 would show sessions it is already sure are not flagged.
import type { Db } from './open.js';

// The nearest scores first (one pass over the run's scores), then those few sessions by id:
// joined to sessions first, every scored session was read in score order, one random page each.
export const NEAREST_CUT_SQL = `WITH nearest AS (
    SELECT session_id, score FROM scores
    WHERE run_id = @runId AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.session_id = scores.session_id)
    ORDER BY abs(score - @cut), session_id LIMIT @pool)
  SELECT sessions.id, sessions.src_ip AS srcIp, nearest.score FROM nearest
  JOIN sessions ON sessions.id = nearest.session_id
  ORDER BY abs(nearest.score - @cut), sessions.id`;

/** Where a run flags: its stored threshold, or 0.5 for a run that stored none. */
export function flagCut(db: Db, runId: number): number {
  const threshold = db.prepare('SELECT threshold FROM model_runs WHERE id = ?').pluck().get(runId);
  return typeof threshold === 'number' ? threshold : 0.5;
}

/** The un-verdicted sessions of a run whose score is nearest `cut`, most uncertain first. */
export function nearestCutCandidates(
  db: Db,
  runId: number,
  cut: number,
  pool: number,
): { id: number; srcIp: string; score: number }[] {
  return db.prepare(NEAREST_CUT_SQL).all({ runId, cut, pool }) as {
    id: number;
    srcIp: string;
    score: number;
  }[];
}
