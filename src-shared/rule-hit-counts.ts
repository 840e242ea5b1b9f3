// How many rules matched each of a few sessions, and the most severe level: the Sessions table's
// "Rule hits" column, asked for the rows of each page it loads.
import { z } from 'zod';
import { RuleLevel } from './rules.js';

export const RuleHitCountsArgs = z.object({ sessionIds: z.array(z.number().int()).max(1000) });
/** Sessions without a hit are left out. */
export const RuleHitCounts = z.array(
  z.object({ sessionId: z.number().int(), hits: z.number().int(), level: RuleLevel }),
);
export type RuleHitCounts = z.infer<typeof RuleHitCounts>;
