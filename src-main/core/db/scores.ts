// Scores of sessions per model run. Scoring writes batches; a cancelled or failed scoring deletes
// what it wrote so a run never shows half its sessions scored.
import type { FeatureContribution, ModelKind, SessionScore } from '../../../src-shared/models.js';
import { clearIpScores } from './graph.js';
import type { Db } from './open.js';

export interface ScoreBatch {
  sessionIds: Float64Array;
  scores: Float32Array | Float64Array;
  flagged: Uint8Array;
  /** JSON per row, null when the row has none (not flagged). */
  explanations: (string | null)[];
  rows: number;
}

/**
 * Stores a scoring pass's batches. The pass deletes the run's old scores first and scores each
 * session once, so a plain INSERT suffices; a repeat is a bug and fails the pass. Not OR REPLACE:
 * a row that may delete another is a multi-step write, and with the foreign key and CHECK that
 * could fail after it SQLite then keeps a statement journal for every row, which wrote three
 * 64 KiB pages to a temp file per session (27 GB for 200 000 sessions).
 */
export function prepareScoreWriter(db: Db, runId: number): (batch: ScoreBatch) => void {
  const insert = db.prepare(
    `INSERT INTO scores (run_id, session_id, score, flagged, explanation) VALUES (?, ?, ?, ?, ?)`,
  );
  return db.transaction((batch: ScoreBatch) => {
    for (let i = 0; i < batch.rows; i++) {
      insert.run(
        runId,
        batch.sessionIds[i]!,
        batch.scores[i]!,
        batch.flagged[i]!,
        batch.explanations[i] ?? null,
      );
    }
  });
}

export function deleteScores(db: Db, runId: number): void {
  db.prepare(`DELETE FROM scores WHERE run_id = ?`).run(runId);
  clearIpScores(db, runId);
}

interface ScoreRow {
  runId: number;
  kind: ModelKind;
  active: number;
  score: number;
  flagged: number;
  explanation: string | null;
}

/** Every run's score for one session, active models first. */
export function sessionScores(db: Db, sessionId: number): SessionScore[] {
  const rows = db
    .prepare(
      `SELECT s.run_id AS runId, r.kind, r.active, s.score, s.flagged, s.explanation
       FROM scores s JOIN model_runs r ON r.id = s.run_id
       WHERE s.session_id = ? ORDER BY r.active DESC, r.id DESC`,
    )
    .all(sessionId) as ScoreRow[];
  return rows.map((row) => ({
    runId: row.runId,
    kind: row.kind,
    active: row.active === 1,
    score: row.score,
    flagged: row.flagged === 1,
    explanation: row.explanation ? (JSON.parse(row.explanation) as FeatureContribution[]) : null,
  }));
}
