// Scores of sessions per model run. A scoring pass stages its batches on the writer's connection
// and publishes them in one transaction, so a run's scores (and its per-IP maxima) change from the
// old complete set to the new one at once: never half a pass, whether it is cancelled, fails, or
// its process is killed (the staging is a TEMP table: it goes with the connection).

import type { FeatureContribution, ModelKind, SessionScore } from '../../../src-shared/models.js';
import { must } from '../../../src-shared/must.js';
import type { ClassMetrics, KindTesting } from '../../../src-shared/threat-types.js';
import { kindTesting } from '../../../src-shared/untested-kinds.js';
import { storeIpScores } from './graph.js';
import type { Db } from './open.js';

const ROW = 'a score of a row in the batch';

export interface ScoreBatch {
  sessionIds: Float64Array;
  scores: Float32Array | Float64Array;
  flagged: Uint8Array;
  /** JSON per row, null when the row has none (not flagged). */
  explanations: (string | null)[];
  /** Threat-type runs: each flagged row's most probable kind and its probability (null otherwise). */
  kinds?: { kind: (string | null)[]; probability: Float64Array };
  rows: number;
}

/**
 * Starts a scoring pass: its batches go to this connection's staging until `publishScores`. The
 * pass scores each session once, so a plain INSERT suffices; a repeat is a bug and fails the pass.
 * Not OR REPLACE: a row that may delete another is a multi-step write, for which SQLite keeps a
 * statement journal for every row (it wrote 27 GB of temp files for 200 000 sessions once).
 */
export function prepareScoreWriter(db: Db): (batch: ScoreBatch) => void {
  // Dropped first: a staging left by an older version on this connection lacks the kind columns.
  db.exec('DROP TABLE IF EXISTS temp.staged_scores');
  db.exec(`CREATE TEMP TABLE staged_scores (
    session_id INTEGER PRIMARY KEY, score REAL NOT NULL, flagged INTEGER NOT NULL, explanation TEXT,
    predicted_kind TEXT, kind_probability REAL)`);
  const insert = db.prepare(
    `INSERT INTO temp.staged_scores (session_id, score, flagged, explanation, predicted_kind, kind_probability)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction((batch: ScoreBatch) => {
    for (let i = 0; i < batch.rows; i++) {
      const kind = batch.kinds?.kind[i] ?? null;
      insert.run(
        must(batch.sessionIds[i], ROW),
        must(batch.scores[i], ROW),
        must(batch.flagged[i], ROW),
        batch.explanations[i] ?? null,
        kind,
        kind === null ? null : (batch.kinds?.probability[i] ?? null),
      );
    }
  });
}

/**
 * Replaces the run's scores with the staged pass and stores its per-IP maxima (the graph's node
 * colours), in one transaction, then empties the staging.
 */
export function publishScores(db: Db, runId: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM scores WHERE run_id = ?').run(runId);
    db.prepare(
      `INSERT INTO scores (run_id, session_id, score, flagged, explanation, predicted_kind, kind_probability)
       SELECT ?, session_id, score, flagged, explanation, predicted_kind, kind_probability
       FROM temp.staged_scores ORDER BY session_id`,
    ).run(runId);
    storeIpScores(db, runId);
  }).immediate();
  discardStagedScores(db);
}

/** Forgets a pass that will not be published (cancelled or failed). */
export function discardStagedScores(db: Db): void {
  db.exec('DROP TABLE IF EXISTS temp.staged_scores');
}

interface ScoreRow {
  runId: number;
  kind: ModelKind;
  active: number;
  score: number;
  flagged: number;
  explanation: string | null;
  predictedKind: string | null;
  kindProbability: number | null;
  /** The run's per-kind evaluation (JSON), for a row with a predicted kind only. */
  perClass: string | null;
}

/** Whether the run's held-out side judged `kind`; null without a kind (or a run that kept no figures). */
function testingOf(perClass: string | null, kind: string | null): KindTesting | null {
  if (kind === null || perClass === null) return null;
  const figures = (JSON.parse(perClass) as ClassMetrics[]).find((c) => c.kind === kind);
  return figures ? kindTesting(figures) : null;
}

/** Every run's score for one session, active models first. */
export function sessionScores(db: Db, sessionId: number): SessionScore[] {
  const rows = db
    .prepare(
      `SELECT s.run_id AS runId, r.kind, r.active, s.score, s.flagged, s.explanation,
         s.predicted_kind AS predictedKind, s.kind_probability AS kindProbability,
         CASE WHEN s.predicted_kind IS NOT NULL THEN json_extract(r.metrics, '$.multiclass.perClass') END AS perClass
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
    predictedKind: row.predictedKind,
    kindProbability: row.kindProbability,
    // A flag of a kind the run never judged says so in the drawer and Triage (src-shared/untested-kinds.ts).
    kindTesting: testingOf(row.perClass, row.predictedKind),
  }));
}

/** Flags of a run per predicted kind, most first (threat-type runs; within `where` on sessions if given). */
export function flaggedKindCounts(
  db: Db,
  runId: number,
  within?: { sql: string; params: Record<string, unknown> },
): { kind: string; sessions: number }[] {
  const scope = within?.sql ? `AND session_id IN (SELECT id FROM sessions WHERE ${within.sql})` : '';
  return db
    .prepare(
      `SELECT predicted_kind AS kind, count(*) AS sessions FROM scores
       WHERE run_id = @runId AND predicted_kind IS NOT NULL ${scope}
       GROUP BY predicted_kind ORDER BY sessions DESC, kind`,
    )
    .all({ ...within?.params, runId }) as { kind: string; sessions: number }[];
}

/** The kind a threat-type run predicted for each of these sessions it flagged. */
export function predictedKindsOf(db: Db, runId: number, sessionIds: readonly number[]): Map<number, string> {
  const rows = db
    .prepare(
      `SELECT session_id AS id, predicted_kind AS kind FROM scores
       WHERE run_id = ? AND predicted_kind IS NOT NULL AND session_id IN (SELECT value FROM json_each(?))`,
    )
    .all(runId, JSON.stringify(sessionIds)) as { id: number; kind: string }[];
  return new Map(rows.map((r) => [r.id, r.kind]));
}

/** One run's score of each of these sessions it scored (the Sessions table's Score column). */
export function scoresOf(db: Db, runId: number, sessionIds: readonly number[]): Map<number, number> {
  const rows = db
    .prepare(
      `SELECT session_id AS id, score FROM scores WHERE run_id = ? AND session_id IN (SELECT value FROM json_each(?))`,
    )
    .all(runId, JSON.stringify(sessionIds)) as { id: number; score: number }[];
  return new Map(rows.map((r) => [r.id, r.score]));
}
