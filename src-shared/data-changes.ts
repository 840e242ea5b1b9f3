// What a `data-changed` event says changed, and whose answers that puts out of date: the one place
// that decides what the page asks again. The renderer keeps answers by [operation, args]; on a change
// it re-asks (or forgets) the answers of exactly the operations listed here, so a verdict reloads
// the flag queue and the session views, not model runs, tags or the analyst's name.
import { z } from 'zod';
import type { PageOperationName } from './api.js';
import type { JobProgress } from './domain.js';

export const ChangeReason = z.enum([
  /** An import finished: new sessions. */
  'import',
  /** A CloudWatch pull finished: new sessions, and what was pulled from its log group. */
  'pull',
  /** A model finished training (the first run of its kind becomes the active one). */
  'train',
  /** A run scored every session. */
  'score',
  /** A rules run recomputed the hits, or a rule set was added or removed. */
  'rules',
  /** Another run of a kind became the active one, a kind was switched off or the rule level changed. */
  'active-model',
  /** Verdicts (and their notes) were given. */
  'verdicts',
  /** The analyst's last verdict or tag action was reversed. */
  'undo',
  /** A tag was created, renamed, recoloured or deleted, or sessions were tagged. */
  'tags',
  /** An IOC list was added or removed: the marks on stored IPs moved. */
  'ioc',
  /** A case, its items, tags or notes changed. */
  'cases',
  /** The desktop app opened another database. */
  'database-opened',
  /** The page lost the event stream for a while: anything may have changed meanwhile. */
  'reconnected',
]);
export type ChangeReason = z.infer<typeof ChangeReason>;

/**
 * The operations whose answers the page keeps and asks again when the data changes. The other
 * page operations change data or start work, and the renderer calls them directly; jobs are
 * followed through their `job-progress` events.
 */
export const QUERY_OPERATIONS = [
  'listImports',
  'quarantinePage',
  'sessionPage',
  'dashboardSummary',
  'listPresets',
  'cloudWatchEndpoint',
  'listRuns',
  'getRun',
  'sessionScores',
  'listRuleSets',
  'sessionRuleHits',
  'ruleHitSummary',
  'analyticsOverview',
  'filterSuggestions',
  'readFilterWords',
  'webRequests',
  'sessionRuleHitCounts',
  'sessionMarks',
  'detectionSet',
  'flagKinds',
  'graphEdges',
  'ipNeighbours',
  'ipProfile',
  'edgeSessions',
  'getAnalyst',
  'sessionHistory',
  'listTags',
  'listIocLists',
  'flagQueue',
  'labelNext',
  'listCases',
  'getCase',
  'caseOverview',
] as const satisfies readonly PageOperationName[];
export type QueryOperation = (typeof QUERY_OPERATIONS)[number];

type Operations = readonly QueryOperation[];

/**
 * Answers about sessions that a verdict, a score or a mark can change: they read through a session
 * filter (which may name `score:` and `verdict:`), or show sessions with their verdicts and scores.
 * Not `labelNext`: a "label next" batch stays put while the analyst labels it (labelled rows would
 * vanish from under the keys); the view asks for the next batch itself.
 */
const SESSION_VIEWS = [
  'sessionPage',
  'dashboardSummary',
  'sessionRuleHits',
  'ruleHitSummary',
  'analyticsOverview',
  'webRequests',
  'sessionRuleHitCounts',
  'sessionMarks',
  'flagKinds',
  'graphEdges',
  'ipNeighbours',
  'ipProfile',
  'edgeSessions',
  'flagQueue',
  'caseOverview',
] as const satisfies Operations;

/** New sessions: everything computed from sessions, and the imports that brought them. */
const NEW_SESSIONS = [
  ...SESSION_VIEWS,
  'filterSuggestions',
  'readFilterWords',
  'listImports',
  'quarantinePage',
  // Counts of stored IPs in each list, and of the sessions a case holds through its IPs.
  'listIocLists',
  'listCases',
  'getCase',
  // Hit counts per rule.
  'listRuleSets',
] as const satisfies Operations;

/** Which run is active, or the detection set's rule level: what is flagged, which scores show, the flag queue's default run. */
const ACTIVE_RUNS = [
  ...SESSION_VIEWS,
  'listRuns',
  'getRun',
  'sessionScores',
  'detectionSet',
] as const satisfies Operations;

const VERDICTS = [...SESSION_VIEWS, 'sessionHistory'] as const satisfies Operations;
/** Tags show on queued sessions, and cases wear the same tags (names and colours). */
const TAGS = [
  'listTags',
  'flagQueue',
  'caseOverview',
  'listCases',
  'getCase',
  'sessionHistory',
  'sessionMarks',
] as const;

export const INVALIDATES: Record<ChangeReason, Operations> = {
  import: NEW_SESSIONS,
  pull: NEW_SESSIONS,
  train: ACTIVE_RUNS,
  score: ACTIVE_RUNS,
  'active-model': ACTIVE_RUNS,
  verdicts: VERDICTS,
  undo: [...VERDICTS, ...TAGS],
  tags: TAGS,
  ioc: [...SESSION_VIEWS, 'listIocLists'],
  cases: ['listCases', 'getCase', 'caseOverview'],
  rules: [...SESSION_VIEWS, 'listRuleSets'],
  'database-opened': QUERY_OPERATIONS,
  // Every answer but a "label next" batch, which stays put (see SESSION_VIEWS).
  reconnected: QUERY_OPERATIONS.filter((name) => name !== 'labelNext'),
};

const FINISHED = new Set<JobProgress['state']>(['done', 'failed', 'cancelled']);

/**
 * What a job's progress puts out of date, beside its `data-changed` when it succeeds: an import or
 * pull that ends in any way changes the imports table; a model run appears when training starts
 * and changes as it is trained or scored.
 */
export function jobInvalidates(job: JobProgress): Operations {
  if (job.kind === 'import' || job.kind === 'pull')
    return FINISHED.has(job.state) ? ['listImports', 'quarantinePage'] : [];
  if (job.kind === 'rules') return FINISHED.has(job.state) ? ['listRuleSets'] : [];
  return job.state !== 'running' || job.runId != null ? ['listRuns', 'getRun'] : [];
}
