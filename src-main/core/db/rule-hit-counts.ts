// The Sessions table's rule-hit column: per listed session, its hits and the highest level. One
// primary-key range read per session (rule_hits leads with session_id).

import type { RuleHitCounts } from '../../../src-shared/rule-hit-counts.js';
import { writtenLevel } from '../../../src-shared/rules.js';
import type { Db } from './open.js';

export function ruleHitCounts(db: Db, sessionIds: readonly number[]): RuleHitCounts {
  if (sessionIds.length === 0) return [];
  // A rule without a level ranks at 0, so the most severe level is "no level" only when every hit
  // is of such a rule (min(no_level) = 1); one written level, informational included, outranks it.
  const rows = db
    .prepare(
      `SELECT h.session_id AS sessionId, count(*) AS hits, max(h.level) AS level, min(r.no_level) AS noLevel
       FROM rule_hits h JOIN rules r ON r.id = h.rule
       WHERE h.session_id IN (SELECT value FROM json_each(?)) GROUP BY h.session_id ORDER BY h.session_id`,
    )
    .all(JSON.stringify(sessionIds)) as { sessionId: number; hits: number; level: number; noLevel: number }[];
  return rows.map(({ noLevel, ...row }) => ({ ...row, level: writtenLevel(row.level, noLevel) }));
}
