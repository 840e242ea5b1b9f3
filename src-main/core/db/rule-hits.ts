// Rule hits on sessions (migration 017): written by imports and `rules run`, read for a session's
// drawer and the Overview. Only hits on sessions of finished imports are shown (db/visibility.ts).
import {
  levelAt,
  type RuleHitSummary,
  type SessionRuleHit,
  writtenLevel,
} from '../../../src-shared/rules.js';
import { bucketFor } from '../../../src-shared/time-buckets.js';
import type { Db } from './open.js';
import { chartSpan } from './rollups.js';
import { whereClause } from './sessions.js';
import { finishedOnlySql, type ScopedFilter, unfinishedImports } from './visibility.js';

export interface HitRow {
  sessionId: number;
  /** rules.id */
  rule: number;
  level: number;
  startTs: number;
  field: string | null;
  value: string | null;
}

/** Inserts hits; a second hit of one rule on one session keeps the first. */
export function prepareHitInsert(db: Db): (hit: HitRow) => void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO rule_hits (session_id, rule, level, start_ts, field, value)
     VALUES (@sessionId, @rule, @level, @startTs, @field, @value)`,
  );
  return (hit) => {
    insert.run(hit);
  };
}

/** Removes the hits of these rule sets' rules (before a run computes them again). */
export function deleteHitsOfSets(db: Db, setIds: readonly number[]): number {
  if (setIds.length === 0) return 0;
  return db
    .prepare(
      `DELETE FROM rule_hits WHERE rule IN (SELECT id FROM rules WHERE set_id IN (SELECT value FROM json_each(?)))`,
    )
    .run(JSON.stringify(setIds)).changes;
}

/** Removes the hits on the sessions `idsSql` selects (an import rolled back). */
export function deleteHitsOfSessions(db: Db, idsSql: string, params: Record<string, unknown>): number {
  return db.prepare(`DELETE FROM rule_hits WHERE session_id IN (${idsSql})`).run(params).changes;
}

/** The hits on one session, most severe first; none while its import is unfinished. */
export function sessionRuleHits(db: Db, sessionId: number): SessionRuleHit[] {
  const finished = finishedOnlySql(unfinishedImports(db), 's.import_id');
  const rows = db
    .prepare(
      `SELECT r.rule_id AS ruleId, r.title, h.level, r.no_level AS noLevel, rs.source, h.field, h.value
       FROM rule_hits h JOIN rules r ON r.id = h.rule JOIN rule_sets rs ON rs.id = r.set_id
       JOIN sessions s ON s.id = h.session_id
       WHERE h.session_id = ? ${finished ? `AND ${finished}` : ''}
       ORDER BY h.level DESC, r.title`,
    )
    .all(sessionId) as (Omit<SessionRuleHit, 'level'> & { level: number; noLevel: number })[];
  return rows.map(({ noLevel, ...row }) => ({ ...row, level: writtenLevel(row.level, noLevel) }));
}

/**
 * The hits of the filtered sessions by level over time and by rule. Without a session filter the
 * hit table answers alone (its start_ts and level are copies of the session's and the rule's);
 * with one, the hits are those of the sessions the filter selects.
 */
export function ruleHitSummary(
  db: Db,
  filter: ScopedFilter,
  { maxPoints, topRules }: { maxPoints: number; topRules: number },
): RuleHitSummary {
  const { sql, params } = whereClause(filter);
  const scoped = sql !== '';
  const from = scoped
    ? `FROM rule_hits h WHERE h.session_id IN (SELECT id FROM sessions ${sql})`
    : 'FROM rule_hits h';
  const span = db.prepare(`SELECT count(*) AS n ${from}`).get(params) as { n: number };
  // Buckets over the span the Overview's other charts draw (the filter's range, else every stored
  // session's), so with the same maxPoints a level's bar stands under the sessions it counts.
  const axis = chartSpan(db, filter);
  const bucketMs = bucketFor(axis ? axis.to - axis.from : 0, maxPoints);
  const size = Math.trunc(bucketMs);
  const byLevel = db
    .prepare(
      `SELECT h.level, count(*) AS hits, count(DISTINCT h.session_id) AS sessions ${from}
       GROUP BY h.level ORDER BY h.level DESC`,
    )
    .all(params) as { level: number; hits: number; sessions: number }[];
  // Served by rule_hits_by_rule: the rules without a level are few, their hits read by rule.
  const noLevel = db
    .prepare(
      `SELECT count(*) AS n ${from} ${scoped ? 'AND' : 'WHERE'}
       h.rule IN (SELECT id FROM rules WHERE no_level = 1)`,
    )
    .get(params) as { n: number };
  const points = db
    .prepare(
      `SELECT (h.start_ts / ${size}) * ${size} AS t, h.level, count(*) AS hits ${from}
       GROUP BY t, h.level ORDER BY t, h.level`,
    )
    .all(params) as { t: number; level: number; hits: number }[];
  const byRule = db
    .prepare(
      `SELECT r.rule_id AS ruleId, r.title, r.level, r.no_level AS noLevel, rs.source, c.hits
       FROM (SELECT h.rule, count(*) AS hits ${from} GROUP BY h.rule) c
       JOIN rules r ON r.id = c.rule JOIN rule_sets rs ON rs.id = r.set_id
       ORDER BY c.hits DESC, r.title LIMIT ${Math.trunc(topRules)}`,
    )
    .all(params) as {
    ruleId: string;
    title: string;
    level: number;
    noLevel: number;
    source: string;
    hits: number;
  }[];
  return {
    total: span.n,
    byLevel: byLevel.map((row) => ({ level: levelAt(row.level), hits: row.hits, sessions: row.sessions })),
    noLevelHits: noLevel.n,
    bucketMs,
    points: points.map((row) => ({ t: row.t, level: levelAt(row.level), hits: row.hits })),
    byRule: byRule.map(({ noLevel, ...row }) => ({ ...row, level: writtenLevel(row.level, noLevel) })),
    source: scoped ? 'sessions' : 'hits',
  };
}

/** Hits per rule of a set, on sessions of finished imports. */
export function hitCountsByRule(db: Db, setId: number): Map<number, number> {
  const finished = finishedOnlySql(unfinishedImports(db));
  const rows = db
    .prepare(
      `SELECT h.rule, count(*) AS hits FROM rule_hits h WHERE h.rule IN (SELECT id FROM rules WHERE set_id = ?)
       ${finished ? `AND h.session_id IN (SELECT id FROM sessions WHERE ${finished})` : ''} GROUP BY h.rule`,
    )
    .all(setId) as { rule: number; hits: number }[];
  return new Map(rows.map((row) => [row.rule, row.hits]));
}
