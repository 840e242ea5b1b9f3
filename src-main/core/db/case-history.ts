// A case's history as its report tells it, read from the audit log (one entry per recorded change),
// not rebuilt from the case as it is now: a verdict changed since, a status or severity changed,
// a session or IP removed and an undo all stay in the report, as they stay in the audit trail.
import { auditValue } from './audit.js';
import type { Db } from './open.js';
import { ROLLBACK_ACTION } from './rollback-trace.js';
import { type SessionSelection, selectionWhere } from './session-export.js';

/** One thing that happened to one subject (the case, an IP or a session), by one action. */
export interface HistoryEvent {
  action: number;
  at: number;
  who: string;
  what: string;
  /**
   * The verdict's note, shared by every session of one bulk verdict; for sessions an import's
   * rollback removed, why they left (the action's summary names the import).
   */
  note: string | null;
  subject: { sessionId: number; srcIp: string | null } | { text: string };
  /** For a verdict: sessions the whole action judged (the case may hold only some of them). */
  actionSessions?: number;
}

interface ChangeRow {
  change: number;
  action: number;
  at: number;
  who: string;
  undoes: number | null;
  kind: string;
  summary: string;
  field: string;
  before: string | null;
  after: string | null;
}

const undoMark = (undoes: number | null) => (undoes === null ? '' : 'undo: ');

interface CaseState {
  title: string;
  severity: string;
  status: string;
  summary: string;
}

function caseUpdate(before: CaseState, after: CaseState): string {
  const changes: string[] = [];
  if (before.title !== after.title) changes.push(`title "${before.title}" → "${after.title}"`);
  if (before.status !== after.status)
    changes.push(`status ${before.status.replace('_', ' ')} → ${after.status.replace('_', ' ')}`);
  if (before.severity !== after.severity) changes.push(`severity ${before.severity} → ${after.severity}`);
  if (before.summary !== after.summary) changes.push('summary edited');
  return changes.join(', ') || 'no change';
}

function caseEvents(row: ChangeRow): HistoryEvent[] {
  const { action, at, who } = row;
  // The program, not an analyst, removed these: the reason goes with them into the report.
  const note = row.kind === ROLLBACK_ACTION ? row.summary : null;
  const event = (what: string, subject: HistoryEvent['subject']): HistoryEvent => ({
    action,
    at,
    who,
    what: `${undoMark(row.undoes)}${what}`,
    note,
    subject,
  });
  const before = auditValue(row.before, row.change);
  const after = auditValue(row.after, row.change);
  if (row.field === 'case') {
    if (before === null) return [event('case opened', { text: (after as CaseState).title })];
    if (after === null) return [event('case deleted', { text: (before as CaseState).title })];
    return [event('case updated', { text: caseUpdate(before as CaseState, after as CaseState) })];
  }
  if (row.field === 'items') {
    const added = after !== null;
    const items = (added ? after : before) as { sessions: number[]; ips: string[] };
    const verb = added ? 'added' : 'removed';
    return [
      ...items.sessions.map((sessionId) => event(`session ${verb}`, { sessionId, srcIp: null })),
      ...items.ips.map((ip) => event(`IP ${verb}`, { text: ip })),
    ];
  }
  if (row.field === 'tags') {
    const names = (tags: unknown) => ((tags as string[] | null) ?? []).join(', ') || 'none';
    return [event('tags', { text: `${names(before)} → ${names(after)}` })];
  }
  if (row.field === 'note') return [event('note', { text: (after as { body: string }).body })];
  return [event(row.field, { text: 'changed' })];
}

/** The case's own changes and the verdicts on its sessions, oldest first. */
export function caseHistory(db: Db, caseId: number): HistoryEvent[] {
  const own = db
    .prepare(
      `SELECT l.id AS change, l.action_id AS action, a.at, a.analyst AS who, a.undoes, a.kind, a.summary,
         l.field, l.before, l.after
       FROM audit_log l JOIN audit_actions a ON a.id = l.action_id
       WHERE l.entity = 'case' AND l.entity_id = ? ORDER BY l.id`,
    )
    .all(String(caseId)) as ChangeRow[];
  return [...own.flatMap(caseEvents), ...verdictEvents(db, { caseId })].sort(
    (a, b) => a.at - b.at || a.action - b.action,
  );
}

function verdictEvents(db: Db, selection: SessionSelection): HistoryEvent[] {
  const { sql, params } = selectionWhere(db, selection);
  const rows = db
    .prepare(
      `SELECT l.id AS change, l.action_id AS action, a.at, a.analyst AS who, a.undoes, l.after, sessions.id AS sessionId,
         sessions.src_ip AS srcIp
       FROM audit_log l JOIN audit_actions a ON a.id = l.action_id
         JOIN sessions ON sessions.id = CAST(l.entity_id AS INTEGER)
       WHERE l.entity = 'session' AND l.field = 'verdict'
         AND l.entity_id IN (SELECT CAST(sessions.id AS TEXT) FROM sessions WHERE ${sql})
       ORDER BY l.id`,
    )
    .all(params) as (Omit<ChangeRow, 'field' | 'before' | 'kind' | 'summary'> & {
    sessionId: number;
    srcIp: string;
  })[];
  const judged = db
    .prepare(
      `SELECT count(*) FROM audit_log WHERE action_id = ? AND entity = 'session' AND field = 'verdict'`,
    )
    .pluck();
  const inAction = new Map<number, number>();
  return rows.map((row) => {
    const after = auditValue(row.after, row.change) as { verdict: string; note: string | null } | null;
    let total = inAction.get(row.action);
    if (total === undefined) {
      total = judged.get(row.action) as number;
      inAction.set(row.action, total);
    }
    return {
      action: row.action,
      at: row.at,
      who: row.who,
      what: `${undoMark(row.undoes)}${after ? `verdict: ${after.verdict}` : 'verdict removed'}`,
      note: after?.note ?? null,
      subject: { sessionId: row.sessionId, srcIp: row.srcIp },
      actionSessions: total,
    };
  });
}
