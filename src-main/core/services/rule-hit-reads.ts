// The read-only rule-hit calls (answered on the read workers): a session's hits for its drawer,
// and the Overview's hit counts per level over time and per rule.
import type { VigilService } from '../../../src-shared/api.js';
import type { Db } from '../db/open.js';
import { ruleHitSummary, sessionRuleHits } from '../db/rule-hits.js';

export function ruleHitReads(db: Db): Pick<VigilService, 'sessionRuleHits' | 'ruleHitSummary'> {
  return {
    sessionRuleHits: async ({ sessionId }) => sessionRuleHits(db, sessionId),
    ruleHitSummary: async ({ filter, maxPoints, topRules }) =>
      ruleHitSummary(db, filter, { maxPoints, topRules }),
  };
}
