// How many rules matched each of a few sessions, and the most severe level: the Sessions table's
// "Rule hits" column, asked for the rows of each page it loads.
import { z } from 'zod';
import { RuleLevel } from './rules.js';

export const RuleHitCountsArgs = z.object({ sessionIds: z.array(z.number().int()).max(1000) });
/**
 * Sessions without a hit are left out. `level`: the most severe; null when every hit is of a rule
 * that sets no level (they rank with informational, below any written level but that one).
 */
export const RuleHitCounts = z.array(
  z.object({ sessionId: z.number().int(), hits: z.number().int(), level: RuleLevel.nullable() }),
);
export type RuleHitCounts = z.infer<typeof RuleHitCounts>;
