// What an import's rollback takes from the analyst's work, written to the audit log before it goes.
// The sessions of an unfinished import must go (only finished work is shown), and whatever refers
// to them goes too; but a case, closed or open, is evidence: a session leaving it is recorded in its
// history as a removal by the rollback, the same change an analyst's removal records, so its report
// and `vigil audit` say what it held and why it no longer does. Verdicts and tags removed with their
// session are recorded the same way, so a session's audit history ends with their removal.
import { recordAction } from './audit.js';
import { touchCase } from './cases.js';
import type { Db } from './open.js';

/** A case that held sessions of the import: what it loses. */
export interface CaseLoss {
  caseId: number;
  title: string;
  status: string;
  sessions: number[];
}

export const ROLLBACK_ACTION = 'import-rollback';
// Automatic rollbacks (a cancel, a failure, recovery after a crash) are the program's doing.
const BY = 'vigil';

interface Selection {
  /** SELECT of the ids of the sessions that go. */
  ids: string;
  /** `first` and `last` bound those ids: a range on each table's session_id key narrows the reads
   * to the import's ids before the IN list is consulted, so a big rollback reads no more. */
  params: { first: number; last: number; importId: number };
}

/** The cases holding sessions that are about to go, by case id. */
export function casesHolding(db: Db, { ids, params }: Selection): CaseLoss[] {
  const rows = db
    .prepare(
      `SELECT c.id AS caseId, c.title, c.status, i.session_id AS sessionId
       FROM case_items i JOIN cases c ON c.id = i.case_id
       WHERE i.kind = 'session' AND i.session_id BETWEEN @first AND @last AND i.session_id IN (${ids})
       ORDER BY c.id, i.session_id`,
    )
    .all(params) as { caseId: number; title: string; status: string; sessionId: number }[];
  const byCase = new Map<number, CaseLoss>();
  for (const r of rows) {
    const loss = byCase.get(r.caseId) ?? { caseId: r.caseId, title: r.title, status: r.status, sessions: [] };
    loss.sessions.push(r.sessionId);
    byCase.set(r.caseId, loss);
  }
  return [...byCase.values()];
}

const importName = (db: Db, importId: number) =>
  `import #${importId} (${db.prepare('SELECT file_name FROM imports WHERE id = ?').pluck().get(importId) ?? '?'})`;

/**
 * One audited action per case, shaped as an analyst's removal (field 'items', before → null), so
 * the case's history shows "session removed" with the action's summary as the reason.
 */
export function recordCaseLosses(db: Db, importId: number, losses: readonly CaseLoss[]): void {
  if (losses.length === 0) return;
  const name = importName(db, importId);
  const at = Date.now();
  for (const loss of losses) {
    touchCase(db, loss.caseId, at);
    recordAction(
      db,
      {
        analyst: BY,
        at,
        kind: ROLLBACK_ACTION,
        summary: `removed from case ${loss.caseId} by rolling back ${name}, which did not finish: ${loss.sessions.length} session(s)`,
      },
      [
        {
          entity: 'case',
          entityId: loss.caseId,
          field: 'items',
          before: { sessions: loss.sessions, ips: [] },
          after: null,
        },
      ],
    );
  }
}

/**
 * One audited action for the verdicts and tags on the sessions that go, in the states verdict and
 * tag actions record (triage/verdict-actions.ts, tag-actions.ts), each ending absent.
 */
export function recordJudgementLosses(db: Db, importId: number, { ids, params }: Selection): void {
  const verdicts = db
    .prepare(
      `SELECT session_id AS sessionId, verdict, analyst, note, at, kind FROM verdicts
       WHERE session_id BETWEEN @first AND @last AND session_id IN (${ids}) ORDER BY session_id`,
    )
    .all(params) as {
    sessionId: number;
    verdict: string;
    analyst: string;
    note: string | null;
    at: number;
    kind: string | null;
  }[];
  const tags = db
    .prepare(
      `SELECT st.session_id AS sessionId, t.id AS tagId, t.name AS tag FROM session_tags st
       JOIN tags t ON t.id = st.tag_id
       WHERE st.session_id BETWEEN @first AND @last AND st.session_id IN (${ids}) ORDER BY st.session_id, t.id`,
    )
    .all(params) as { sessionId: number; tagId: number; tag: string }[];
  if (verdicts.length === 0 && tags.length === 0) return;
  const changes = [
    ...verdicts.map(({ sessionId, kind, ...state }) => ({
      entity: 'session',
      entityId: sessionId,
      field: 'verdict',
      before: { ...state, ...(kind ? { kind } : {}) },
      after: null,
    })),
    ...tags.map(({ sessionId, tagId, tag }) => ({
      entity: 'session',
      entityId: sessionId,
      field: 'tag',
      before: { tagId, tag, present: true },
      after: { tagId, tag, present: false },
    })),
  ];
  recordAction(
    db,
    {
      analyst: BY,
      kind: ROLLBACK_ACTION,
      summary: `removed with the sessions of ${importName(db, importId)}, rolled back: ${verdicts.length} verdict(s), ${tags.length} tag(s)`,
    },
    changes,
  );
}

/** `closed case 3 "Scanner sweep" lost 2 sessions, case 5 "Login burst" lost 1 session`. */
export function describeCaseLosses(losses: readonly CaseLoss[]): string {
  return losses
    .map(
      (l) =>
        `${l.status === 'closed' ? 'closed ' : ''}case ${l.caseId} "${l.title}" lost ${l.sessions.length} session${l.sessions.length === 1 ? '' : 's'}`,
    )
    .join(', ');
}
