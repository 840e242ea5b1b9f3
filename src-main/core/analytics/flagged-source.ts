// The source that counts flagged sessions for a plan: the cached per-run rollup when it can be
// built, else the flagged sessions of the detection set (db/detection-set.ts).
import type { SessionFilter } from '../../../src-shared/domain.js';
import { ensureFlaggedRollup, type FlaggingSet, flaggedIds } from '../db/analytics-flagged.js';
import { rollupSource, type Source, sessionSource } from '../db/analytics-source.js';
import type { Db } from '../db/open.js';
import type { Plan } from './plan.js';

export function flaggedSource(
  db: Db,
  runs: FlaggingSet,
  plan: Plan,
  filter: SessionFilter,
  granularity: number,
): Source {
  if (plan.kind === 'rollup' && ensureFlaggedRollup(db, runs)) {
    const source = rollupSource('rollup_flagged', granularity, plan, plan.clauses, ['run_set = @runSet']);
    source.params.runSet = runs.key;
    return source;
  }
  return sessionSource(filter, `id IN (${flaggedIds()})`);
}
