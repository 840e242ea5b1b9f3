import type { Session } from '../../../src-shared/domain.js';
import { kindRecord, type ModelKind } from '../../../src-shared/models.js';
import type { TriageFilter } from '../../../src-shared/triage.js';
import { activeRun } from './model-runs.js';
import type { Db } from './open.js';
import { SESSION_COLUMNS, type SessionRowOut, sessionFromRow } from './sessions.js';
import { andAll, triageConditions } from './triage-filter.js';

export interface RunRef {
  id: number;
  kind: string;
  createdAt: number;
}

/** The run to read scores from: the one asked for, else the most recently finished active run. */
export function resolveRun(db: Db, runId: number | undefined, supervisedOnly = false): RunRef | null {
  if (runId !== undefined) {
    const run = db
      .prepare('SELECT id, kind, created_at AS createdAt FROM model_runs WHERE id = ?')
      .get(runId) as RunRef | undefined;
    if (!run) throw new Error(`No model run with id ${runId}.`);
    if (supervisedOnly && !kindRecord(run.kind as ModelKind).supervised)
      throw new Error(
        `Run ${runId} is ${run.kind}, not a supervised model: its scores are not probabilities.`,
      );
    return run;
  }
  return activeRun(db, { supervised: supervisedOnly });
}

export interface QueueRow {
  id: number;
  score: number;
  explanation: string | null;
  srcIp: string;
  predictedKind: string | null;
  kindProbability: number | null;
  /** The top score and the flags of the row's group: its source IP, or its kind with groupByKind. */
  groupMax: number;
  groupSize: number;
}

export interface QueueQuery {
  runId: number;
  filter: TriageFilter;
  groupBySrcIp: boolean;
  groupByKind?: boolean;
  offset: number;
  limit: number;
}

/**
 * One page of a run's flagged sessions, by score; or by source IP (the IP with the top score
 * first); or by predicted kind (the kind with the most flags first, its sessions by score).
 */
export function flaggedPage(db: Db, query: QueueQuery): { rows: QueueRow[]; total: number } {
  const { conditions, params } = triageConditions(query.filter);
  const where = andAll(['scores.run_id = @runId', 'scores.flagged = 1', ...conditions]);
  const from = 'FROM scores JOIN sessions ON sessions.id = scores.session_id';
  const group = query.groupByKind ? 'scores.predicted_kind' : 'sessions.src_ip';
  const order = query.groupByKind
    ? 'ORDER BY groupSize DESC, predictedKind, score DESC, id'
    : query.groupBySrcIp
      ? 'ORDER BY groupMax DESC, srcIp, score DESC, id'
      : 'ORDER BY score DESC, id';
  const all = { ...params, runId: query.runId, limit: query.limit, offset: query.offset };
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT sessions.id, scores.score, scores.explanation, sessions.src_ip AS srcIp,
           scores.predicted_kind AS predictedKind, scores.kind_probability AS kindProbability,
           max(scores.score) OVER (PARTITION BY ${group}) AS groupMax,
           count(*) OVER (PARTITION BY ${group}) AS groupSize
         ${from} WHERE ${where}) ${order} LIMIT @limit OFFSET @offset`,
    )
    .all(all) as QueueRow[];
  const total = db.prepare(flaggedCountSql(conditions)).pluck().get(all) as number;
  return { rows, total };
}

/** A threat-type run's flags within the filter per predicted kind, the most flags first. */
export function flaggedKindGroups(
  db: Db,
  runId: number,
  filter: TriageFilter,
): { kind: string; sessions: number; maxScore: number }[] {
  const { conditions, params } = triageConditions(filter);
  const where = andAll(['scores.run_id = @runId', 'scores.flagged = 1', ...conditions]);
  return db
    .prepare(
      `SELECT scores.predicted_kind AS kind, count(*) AS sessions, max(scores.score) AS maxScore
       FROM scores JOIN sessions ON sessions.id = scores.session_id
       WHERE ${where} AND scores.predicted_kind IS NOT NULL
       GROUP BY scores.predicted_kind ORDER BY sessions DESC, kind`,
    )
    .all({ ...params, runId }) as { kind: string; sessions: number; maxScore: number }[];
}

/** Every session a run flagged as `kind` within the filter (a verdict on a kind group of the queue). */
export function flaggedIdsOfKind(db: Db, runId: number, kind: string, filter: TriageFilter): number[] {
  const { conditions, params } = triageConditions(filter);
  return db
    .prepare(
      `SELECT sessions.id FROM scores JOIN sessions ON sessions.id = scores.session_id
       WHERE ${andAll(['scores.run_id = @runId', 'scores.flagged = 1', 'scores.predicted_kind = @kind', ...conditions])}
       ORDER BY sessions.id`,
    )
    .pluck()
    .all({ ...params, runId, kind }) as number[];
}

/**
 * Counts a run's flagged sessions from the sessions side. Joined from scores, SQLite took the
 * flagged-score index and read each session in score order, one random page per session (1.1 s
 * for 133 000 flagged sessions); the IN list is sorted, so sessions are read in table order (0.1 s).
 */
export const flaggedCountSql = (conditions: string[]) =>
  `SELECT count(*) FROM sessions
   WHERE ${andAll(['sessions.id IN (SELECT session_id FROM scores WHERE run_id = @runId AND flagged = 1)', ...conditions])}`;

/** Full sessions for these ids, in the order given. */
export function sessionsByIds(db: Db, ids: readonly number[]): Session[] {
  const rows = db
    .prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as SessionRowOut[];
  const byId = new Map(rows.map((row) => [row.id, sessionFromRow(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
