// The flag queue: the detection set's flagged sessions (or one run's) with everything the analyst
// decides on beside them.
import { detectionSetName } from '../../../src-shared/detection-set.js';
import type { Session } from '../../../src-shared/domain.js';
import type { FlagQueuePage, QueueItem, TriageFilter } from '../../../src-shared/triage.js';
import { flagReasons, setFlaggedPage } from '../db/detection-queue.js';
import { readDetectionSet } from '../db/detection-set.js';
import {
  flaggedKindGroups,
  flaggedPage,
  type QueueQuery,
  resolveRun,
  sessionsByIds,
} from '../db/flag-queue.js';
import { iocMatchesOf } from '../db/ioc.js';
import { runKinds } from '../db/model-runs.js';
import type { Db } from '../db/open.js';
import { tagsOf } from '../db/tags.js';
import { verdictsOf } from '../db/verdicts.js';

/** Verdict, tags and IOC matches of sessions, for any list of them. */
export function annotate(
  db: Db,
  sessions: Session[],
): Pick<QueueItem, 'session' | 'verdict' | 'tags' | 'ioc'>[] {
  const ids = sessions.map((s) => s.id);
  const verdicts = verdictsOf(db, ids);
  const tags = tagsOf(db, ids);
  const ips = [...new Set(sessions.flatMap((s) => (s.dstIp ? [s.srcIp, s.dstIp] : [s.srcIp])))];
  const ioc = iocMatchesOf(db, ips);
  return sessions.map((session) => ({
    session,
    verdict: verdicts.get(session.id) ?? null,
    tags: tags.get(session.id) ?? [],
    ioc: [...(ioc.get(session.srcIp) ?? []), ...(session.dstIp ? (ioc.get(session.dstIp) ?? []) : [])],
  }));
}

/** Every session of a queue (one run's, or the detection set's without a run id) within a filter. */
export function queueSessionIds(db: Db, query: { runId?: number; filter: TriageFilter }): number[] {
  const all = { filter: query.filter, groupBySrcIp: false, offset: 0, limit: Number.MAX_SAFE_INTEGER };
  if (query.runId === undefined) return setFlaggedPage(db, all).rows.map((row) => row.id);
  const run = resolveRun(db, query.runId);
  return run ? flaggedPage(db, { ...all, runId: run.id }).rows.map((row) => row.id) : [];
}

/**
 * The flag queue: with a run id, that run's flags by its score; without, every session the
 * detection set flags, each with the members of the set that flagged it.
 */
export function flagQueue(db: Db, query: Omit<QueueQuery, 'runId'> & { runId?: number }): FlagQueuePage {
  if (query.runId === undefined) return setQueue(db, query);
  const run = resolveRun(db, query.runId);
  if (!run) return { run: null, items: [], total: 0, groups: [] };
  const { rows, total } = flaggedPage(db, { ...query, runId: run.id });
  const annotated = annotate(
    db,
    sessionsByIds(
      db,
      rows.map((r) => r.id),
    ),
  );
  // By id: a session deleted since its row was read is missing from `annotated`, and left out.
  const annotatedById = new Map(annotated.map((item) => [item.session.id, item]));
  const items = rows.flatMap((row) => {
    const item = annotatedById.get(row.id);
    if (!item) return [];
    return [
      {
        ...item,
        score: row.score,
        explanation: row.explanation === null ? null : JSON.parse(row.explanation),
        predictedKind: row.predictedKind,
        kindProbability: row.kindProbability,
      },
    ];
  });
  const groups: FlagQueuePage['groups'] = [];
  if (query.groupBySrcIp && !query.groupByKind)
    for (const row of rows)
      if (groups.at(-1)?.srcIp !== row.srcIp)
        groups.push({ srcIp: row.srcIp, sessions: row.groupSize, maxScore: row.groupMax });
  const kinds = runKinds(db, run.id);
  // A threat-type run's queue always says which kinds it holds (the whole queue, not this page),
  // so the analyst can judge a kind at once whatever page or order is shown.
  const kindGroups = kinds.length ? flaggedKindGroups(db, run.id, query.filter) : [];
  return { run, items, total, groups, kindGroups, kinds };
}

/** The detection set's queue (see flagQueue); names the set so the count says what it counts. */
function setQueue(db: Db, query: Omit<QueueQuery, 'runId'>): FlagQueuePage {
  const detection = readDetectionSet(db);
  const set = detectionSetName(detection);
  const { rows, total } = setFlaggedPage(db, query);
  const ids = rows.map((r) => r.id);
  const annotatedById = new Map(annotate(db, sessionsByIds(db, ids)).map((item) => [item.session.id, item]));
  const why = flagReasons(db, ids);
  const items = rows.flatMap((row) => {
    const item = annotatedById.get(row.id);
    if (!item) return [];
    const reasons = why.get(row.id);
    return [
      {
        ...item,
        score: row.score,
        explanation: reasons?.explanation ? JSON.parse(reasons.explanation) : null,
        reasons: reasons?.reasons ?? [],
        predictedKind: reasons?.predictedKind ?? null,
        kindProbability: reasons?.kindProbability ?? null,
      },
    ];
  });
  const groups: FlagQueuePage['groups'] = [];
  if (query.groupBySrcIp)
    for (const row of rows)
      if (groups.at(-1)?.srcIp !== row.srcIp)
        groups.push({ srcIp: row.srcIp, sessions: row.groupSize, maxScore: row.groupMax });
  // An active threat-type run's flags within the filter, by kind: the set's queue offers the same
  // group verdicts as that run's own queue (the first such run; kinds rarely have two).
  for (const { id } of detection.runs) {
    const kinds = runKinds(db, id);
    if (kinds.length)
      return {
        run: null,
        set,
        items,
        total,
        groups,
        kindGroups: flaggedKindGroups(db, id, query.filter),
        kinds,
        kindRunId: id,
      };
  }
  return { run: null, set, items, total, groups };
}
