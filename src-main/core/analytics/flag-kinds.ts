// The Overview's split of flags by predicted kind: how many sessions within the filter the active
// threat-type run flagged as each kind (scores_run_kind reads one run's kinds without a scan).
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { FlagKinds } from '../../../src-shared/threat-types.js';
import { activeRun } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { flaggedKindCounts } from '../db/scores.js';
import { whereClause } from '../db/sessions.js';

export function flagKinds(db: Db, filter: SessionFilter): FlagKinds {
  const run = activeRun(db, { target: 'type' });
  if (!run) return { runId: null, kinds: [] };
  const where = whereClause(filter);
  const kinds = flaggedKindCounts(db, run.id, {
    sql: where.sql.replace(/^WHERE /, ''),
    params: where.params,
  }).map((k) => ({ kind: k.kind, sessions: k.sessions }));
  return { runId: run.id, kinds };
}
