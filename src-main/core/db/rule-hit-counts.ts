// The Sessions table's rule-hit column: per listed session, its hits and the highest level. One
// primary-key range read per session (rule_hits leads with session_id).

import type { RuleHitCounts } from '../../../src-shared/rule-hit-counts.js';
import { levelAt } from '../../../src-shared/rules.js';
import type { Db } from './open.js';

export function ruleHitCounts(db: Db, sessionIds: readonly number[]): RuleHitCounts {
  if (sessionIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT session_id AS sessionId, count(*) AS hits, max(level) AS level FROM rule_hits
       WHERE session_id IN (SELECT value FROM json_each(?)) GROUP BY session_id ORDER BY session_id`,
    )
    .all(JSON.stringify(sessionIds)) as { sessionId: number; hits: number; level: number }[];
  return rows.map((row) => ({ ...row, level: levelAt(row.level) }));
}
