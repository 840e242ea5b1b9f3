// The calls that only read, and may read for seconds at a million sessions: the Overview, Graph
// and Sessions queries and the triage queue. createCore answers them on worker threads
// (jobs/read-pool.ts), each with its own connection, so they neither block the main thread
// (the Electron main process, or serve mode's HTTP server) nor wait for one another.
import type { VigilService } from '../../../src-shared/api.js';
import { flagKinds } from '../analytics/flag-kinds.js';
import { sessionSpan } from '../db/filtered-sessions.js';
import type { Db } from '../db/open.js';
import { ruleHitCounts } from '../db/rule-hit-counts.js';
import { sessionRow } from '../db/session-row.js';
import { sessionPage } from '../db/sessions.js';
import { dashboardSummary } from '../db/summary.js';
import { sessionMarks } from '../triage/session-marks.js';
import { analyticsService } from './analytics.js';
import { graphService } from './graph.js';
import { ruleHitReads } from './rule-hit-reads.js';
import { scopingFilters } from './scoped-filters.js';
import { triageService } from './triage.js';

export const READ_OPERATIONS = [
  'analyticsOverview',
  'filterSuggestions',
  'readFilterWords',
  'webRequests',
  'sessionRuleHitCounts',
  'sessionMarks',
  'flagKinds',
  'graphEdges',
  'ipNeighbours',
  'ipProfile',
  'edgeSessions',
  'sessionPage',
  'sessionRow',
  'sessionSpan',
  'dashboardSummary',
  'flagQueue',
  'labelNext',
  'sessionRuleHits',
  'ruleHitSummary',
] as const;
export type ReadOperation = (typeof READ_OPERATIONS)[number];
export type ReadService = Pick<VigilService, ReadOperation>;

/**
 * Where a call is answered from what a worker keeps for the last filter it was asked, the key of
 * that: the read pool sends calls with one key to the worker that holds it. Only the graph keeps
 * such a thing (services/graph.ts: a filter's IP pairs, a second or two to read at a million
 * sessions); the view asks for them again with each weight or edge limit, and expanding an IP
 * needs their scores.
 */
export function keptKey(name: ReadOperation, args: unknown): string | null {
  if (name !== 'graphEdges' && name !== 'ipNeighbours') return null;
  return JSON.stringify((args as { filter?: unknown } | undefined)?.filter ?? {});
}

export function readService(db: Db): ReadService {
  // The queue calls only read, so nothing is ever emitted through this.
  const triage = triageService({ db, emit: () => {} });
  return scopingFilters(db, {
    ...analyticsService({ db }),
    ...graphService({ db }),
    sessionPage: async (query) => sessionPage(db, query),
    sessionRow: async (query) => ({ row: sessionRow(db, query) }),
    sessionSpan: async ({ filter }) => sessionSpan(db, filter),
    dashboardSummary: async ({ filter }) => dashboardSummary(db, filter),
    sessionRuleHitCounts: async ({ sessionIds }) => ruleHitCounts(db, sessionIds),
    sessionMarks: async ({ sessionIds }) => sessionMarks(db, sessionIds),
    flagQueue: triage.flagQueue,
    labelNext: triage.labelNext,
    ...ruleHitReads(db),
    flagKinds: async ({ filter }) => flagKinds(db, filter),
  });
}
