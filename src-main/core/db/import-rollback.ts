// Undoing an import that did not finish (cancelled, failed, or cut off by a crash or a kill).
import { isProcessAlive } from '../process-alive.js';
import { subtractImportFromAnalytics } from './analytics-rollups.js';
import { clearIpScores } from './graph.js';
import { finishImport, runningImports, type SessionIdRange, sessionIdRange } from './imports.js';
import type { Db } from './open.js';
import { deleteQuarantine } from './quarantine.js';
import {
  type CaseLoss,
  casesHolding,
  describeCaseLosses,
  recordCaseLosses,
  recordJudgementLosses,
} from './rollback-trace.js';
import { subtractImportFromRollups } from './rollups.js';
import { deleteHitsOfSessions } from './rule-hits.js';
import { ruleTablesExist } from './rule-sets.js';
import { ensureSessionIndexes, hasRunningImport } from './session-indexes.js';
import { deleteSessionsOfImport } from './sessions.js';
import { subtractImportFromWebRollups } from './web-rollups.js';

/** What referred to the sessions of an import that was rolled back, and was removed with them. */
export interface DetachedWork {
  verdicts: number;
  tags: number;
  caseItems: number;
  scores: number;
  /** The cases that held some of the sessions, closed ones included, and which they lost. */
  cases: CaseLoss[];
}

/**
 * Removes whatever refers to the import's sessions. Verdicts, tags and case items on an unfinished
 * import are refused (db/visibility.ts) and scoring reads finished imports only, so this
 * finds nothing unless an older version let such work in; it runs anyway, so that no verdict, tag,
 * case item, score or rule hit can outlive its session. Session ids are never reused, so the audit history
 * of a removed session can never describe another one. The analyst's work it removes (case items,
 * verdicts, tags) is first written to the audit log (db/rollback-trace.ts): a case, closed or not,
 * never loses a session without its history saying so.
 */
function detachWork(db: Db, importId: number, range: SessionIdRange): DetachedWork {
  const ids = 'SELECT id FROM sessions WHERE id BETWEEN @first AND @last AND import_id = @importId';
  const params = { first: range.first, last: range.last, importId };
  const remove = (sql: string) => db.prepare(sql).run(params).changes;
  const scores = remove(`DELETE FROM scores WHERE session_id IN (${ids})`);
  // Rule hits are computed at import, so an unfinished import usually has some; they are derived
  // from the sessions, not the analyst's work, so they are not counted in what was lost.
  if (ruleTablesExist(db)) deleteHitsOfSessions(db, ids, params);
  // Per-IP maxima of a run may include a removed score: they are recomputed on the next ask.
  if (scores > 0) clearIpScores(db);
  const cases = casesHolding(db, { ids, params });
  recordCaseLosses(db, importId, cases);
  recordJudgementLosses(db, importId, { ids, params });
  return {
    verdicts: remove(`DELETE FROM verdicts WHERE session_id IN (${ids})`),
    tags: remove(`DELETE FROM session_tags WHERE session_id IN (${ids})`),
    caseItems: remove(`DELETE FROM case_items WHERE kind = 'session' AND session_id IN (${ids})`),
    scores,
    cases,
  };
}

/** Removes everything an unfinished import stored: its sessions, any work on them, its quarantine. */
export function rollBackImport(db: Db, importId: number): DetachedWork {
  return db.transaction(() => {
    const range = sessionIdRange(db, importId);
    let detached: DetachedWork = { verdicts: 0, tags: 0, caseItems: 0, scores: 0, cases: [] };
    if (range) {
      // Today's writer stages an import's rollup share and adds it only when the import is done;
      // a writer of an earlier version applied it as it went, up to rollupLast.
      if (range.rollupLast >= range.first) {
        subtractImportFromRollups(db, importId, range);
        subtractImportFromAnalytics(db, importId, range);
        subtractImportFromWebRollups(db, importId, range);
      }
      detached = detachWork(db, importId, range);
      deleteSessionsOfImport(db, importId, range);
    }
    deleteQuarantine(db, importId);
    return detached;
  })();
}

/**
 * " 2 verdicts, 1 case item on its sessions were removed with them: closed case 3 "Sweep" lost 1
 * session (each case's history says so; …)." or "". Its sessions are gone with the unfinished
 * import, so the way back is to import the file again and add them, new ids, to the case.
 */
export function describeDetached(work: DetachedWork): string {
  const parts = [
    [work.verdicts, 'verdict'],
    [work.tags, 'tag'],
    [work.caseItems, 'case item'],
    [work.scores, 'score'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, noun]) => `${n} ${noun}${n === 1 ? '' : 's'}`);
  if (parts.length === 0) return '';
  const cases = work.cases.length
    ? `: ${describeCaseLosses(work.cases)} (each case's history says so; to put them back, add the file's sessions to the case once it is imported again, reopening a closed case first)`
    : '';
  return ` ${parts.join(', ')} on its sessions were removed with them${cases}.`;
}

// An import whose owner stopped updating it for this long is stale even if its pid was reused.
const STALE_AFTER_MS = 10 * 60_000;

/**
 * Finds imports left 'running' by a process that died (crash, SIGKILL, power loss) and rolls them
 * back, so a half-written import is never visible. Every writable open runs it (db/open.ts).
 */
export function recoverInterruptedImports(db: Db): number[] {
  const recovered: number[] = [];
  for (const run of runningImports(db)) {
    const ownerGone =
      run.ownerPid === null || (run.ownerPid !== process.pid && !isProcessAlive(run.ownerPid));
    const silent = run.heartbeatAt === null || Date.now() - run.heartbeatAt > STALE_AFTER_MS;
    if (!ownerGone && !silent) continue;
    const detached = rollBackImport(db, run.id);
    finishImport(db, run.id, 'interrupted', {
      message: `The import stopped before it finished (the app was closed or crashed); nothing from it was kept.${describeDetached(detached)} Import the file again.`,
      counts: { rowsRead: 0, stored: 0, quarantined: 0, duplicates: 0 },
    });
    recovered.push(run.id);
  }
  if (!hasRunningImport(db)) ensureSessionIndexes(db);
  return recovered;
}
