// The triage queue of the whole detection set: every session the set flags (core/db/detection-set.ts),
// each with the members of the set that flagged it. The count is FLAGGED_IDS_SQL within the filter,
// the very count the Overview shows, so the two never disagree.
import { RULE_LEVELS, writtenLevel } from '../../../src-shared/rules.js';
import type { FlagReason, TriageFilter } from '../../../src-shared/triage.js';
import { FLAGGED_IDS_SQL, readDetectionSet } from './detection-set.js';
import type { Db } from './open.js';
import { andAll, triageConditions } from './triage-filter.js';

export interface SetQueueRow {
  id: number;
  /** The best score of the active runs that flagged it; null when only rule hits did. */
  score: number | null;
  srcIp: string;
  groupMax: number | null;
  groupSize: number;
}

export interface SetQueueQuery {
  filter: TriageFilter;
  groupBySrcIp: boolean;
  offset: number;
  limit: number;
}

const ACTIVE_RUNS = `SELECT id FROM model_runs WHERE active = 1 AND status = 'done'`;

/** The level index rule hits must reach to flag (past the top level when rules are off). */
function ruleLevelIndex(db: Db): number {
  const level = readDetectionSet(db).ruleLevel;
  return level === null ? RULE_LEVELS.length : RULE_LEVELS.indexOf(level);
}

/**
 * One page of the set's flagged sessions. Order: the best score of an active run that flagged the
 * session, then the highest rule level that did (a session only rules flagged has no score and
 * comes after the scored ones of its group), then id. Scores of every kind run 0–1, higher worse.
 */
export function setFlaggedPage(db: Db, query: SetQueueQuery): { rows: SetQueueRow[]; total: number } {
  const { conditions, params } = triageConditions(query.filter);
  const all = { ...params, level: ruleLevelIndex(db), limit: query.limit, offset: query.offset };
  const order = query.groupBySrcIp
    ? 'ORDER BY groupMax DESC NULLS LAST, groupLevel DESC, srcIp, score DESC NULLS LAST, ruleLevel DESC, id'
    : 'ORDER BY score DESC NULLS LAST, ruleLevel DESC, id';
  // \`sid\`, not \`id\`: filter terms name the session's column unqualified (kind: says \`id IN …\`).
  const rows = db
    .prepare(
      `WITH members AS (
         SELECT session_id AS sid, score, -1 AS level FROM scores
         WHERE flagged = 1 AND run_id IN (${ACTIVE_RUNS})
         UNION ALL SELECT session_id, NULL, level FROM rule_hits WHERE level >= @level),
       best AS (SELECT sid, max(score) AS score, max(level) AS ruleLevel FROM members GROUP BY sid)
       SELECT id, score, srcIp, groupMax, groupSize FROM (
         SELECT sessions.id, best.score, best.ruleLevel, sessions.src_ip AS srcIp,
           max(best.score) OVER (PARTITION BY sessions.src_ip) AS groupMax,
           max(best.ruleLevel) OVER (PARTITION BY sessions.src_ip) AS groupLevel,
           count(*) OVER (PARTITION BY sessions.src_ip) AS groupSize
         FROM best JOIN sessions ON sessions.id = best.sid
         WHERE ${andAll(conditions)})
       ${order} LIMIT @limit OFFSET @offset`,
    )
    .all(all) as SetQueueRow[];
  const total = db
    .prepare(
      `SELECT count(*) FROM sessions WHERE ${andAll([`sessions.id IN (${FLAGGED_IDS_SQL})`, ...conditions])}`,
    )
    .pluck()
    .get(params) as number;
  return { rows, total };
}

/** Why a session is flagged (flagReasons). */
export interface FlagReasonsOf {
  reasons: FlagReason[];
  /** The best-scoring run's "why flagged". */
  explanation: string | null;
  /** The kind of threat the best-scoring threat-type run predicted, with its probability. */
  predictedKind: string | null;
  kindProbability: number | null;
}

/**
 * Why each of a few sessions is flagged: the active runs that flagged it (best score first) and the
 * rule hits at the set's level (highest level first). Also the explanation of the best-scoring run
 * and the kind the best-scoring threat-type run predicted.
 */
export function flagReasons(db: Db, ids: readonly number[]): Map<number, FlagReasonsOf> {
  const json = JSON.stringify(ids);
  const out = new Map<number, FlagReasonsOf>();
  const entry = (id: number) => {
    const found = out.get(id) ?? {
      reasons: [],
      explanation: null,
      predictedKind: null,
      kindProbability: null,
    };
    out.set(id, found);
    return found;
  };
  const runs = db
    .prepare(
      `SELECT s.session_id AS id, s.run_id AS runId, r.kind, s.score, s.explanation,
              s.predicted_kind AS predictedKind, s.kind_probability AS kindProbability
       FROM json_each(?) j JOIN scores s ON s.session_id = j.value
       JOIN model_runs r ON r.id = s.run_id
       WHERE s.flagged = 1 AND r.active = 1 AND r.status = 'done' ORDER BY s.score DESC, s.run_id`,
    )
    .all(json) as {
    id: number;
    runId: number;
    kind: string;
    score: number;
    explanation: string | null;
    predictedKind: string | null;
    kindProbability: number | null;
  }[];
  for (const run of runs) {
    const found = entry(run.id);
    if (found.reasons.length === 0) found.explanation = run.explanation;
    if (found.predictedKind === null && run.predictedKind !== null) {
      found.predictedKind = run.predictedKind;
      found.kindProbability = run.kindProbability;
    }
    found.reasons.push({ by: 'run', runId: run.runId, kind: run.kind, score: run.score });
  }
  const hits = db
    .prepare(
      `SELECT h.session_id AS id, r.rule_id AS ruleId, r.title, h.level, r.no_level AS noLevel, h.field, h.value
       FROM json_each(?) j JOIN rule_hits h ON h.session_id = j.value JOIN rules r ON r.id = h.rule
       WHERE h.level >= ? ORDER BY h.level DESC, r.rule_id`,
    )
    .all(json, ruleLevelIndex(db)) as {
    id: number;
    ruleId: string;
    title: string;
    level: number;
    noLevel: number;
    field: string | null;
    value: string | null;
  }[];
  for (const hit of hits)
    entry(hit.id).reasons.push({
      by: 'rule',
      ruleId: hit.ruleId,
      title: hit.title,
      level: writtenLevel(hit.level, hit.noLevel),
      field: hit.field,
      value: hit.value,
    });
  return out;
}
