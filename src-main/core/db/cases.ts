import {
  type Case,
  type CaseItem,
  type CaseNote,
  type CaseSeverity,
  type CaseStatus,
  type CaseTag,
  deletedCaseCopy,
} from '../../../src-shared/cases.js';
import { entityHistory } from './audit.js';
import type { Db } from './open.js';
import { countSelection } from './session-export.js';
import { unusedIdSql } from './unused-id.js';

const CASE_COLUMNS = `c.id, c.title, c.severity, c.status, c.summary, c.created_by AS createdBy,
  c.created_at AS createdAt, c.updated_at AS updatedAt,
  (SELECT count(*) FROM case_items i WHERE i.case_id = c.id AND i.kind = 'session') AS sessions,
  (SELECT count(*) FROM case_items i WHERE i.case_id = c.id AND i.kind = 'ip') AS ips,
  (SELECT count(*) FROM case_notes n WHERE n.case_id = c.id) AS notes`;

export interface CaseFields {
  title: string;
  severity: CaseSeverity;
  status: CaseStatus;
  summary: string;
}

/** A case id is never reused, so case-3.html, #/cases/3 and case 3's history keep their case. */
export function insertCase(db: Db, fields: CaseFields & { createdBy: string; at: number }): number {
  return Number(
    db
      .prepare(
        `INSERT INTO cases (id, title, severity, status, summary, created_by, created_at, updated_at)
         VALUES (${unusedIdSql('cases', 'case')}, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fields.title,
        fields.severity,
        fields.status,
        fields.summary,
        fields.createdBy,
        fields.at,
        fields.at,
      ).lastInsertRowid,
  );
}

// A case's updated time is also its version: a deletion confirmed for the case as it was at that
// time is refused once it moved (triage/case-stale-edit.ts). So every change moves it forward, at
// least by a millisecond: two changes within one millisecond (a script) must not share a version.
const MOVED_UPDATED_AT = 'max(?, updated_at + 1)';

export function updateCase(db: Db, id: number, fields: CaseFields, at: number): void {
  db.prepare(
    `UPDATE cases SET title = ?, severity = ?, status = ?, summary = ?, updated_at = ${MOVED_UPDATED_AT} WHERE id = ?`,
  ).run(fields.title, fields.severity, fields.status, fields.summary, at, id);
}

export function touchCase(db: Db, id: number, at: number): void {
  db.prepare(`UPDATE cases SET updated_at = ${MOVED_UPDATED_AT} WHERE id = ?`).run(at, id);
}

export function deleteCase(db: Db, id: number): void {
  db.prepare('DELETE FROM cases WHERE id = ?').run(id);
}

type CaseRow = Omit<Case, 'tags'>;

/** Tags (name, colour) per case, by name. */
export function caseTagsOf(db: Db, caseIds: readonly number[]): Map<number, CaseTag[]> {
  const rows = db
    .prepare(
      `SELECT ct.case_id AS id, t.name, t.colour FROM case_tags ct JOIN tags t ON t.id = ct.tag_id
       WHERE ct.case_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`,
    )
    .all(JSON.stringify(caseIds)) as { id: number; name: string; colour: string }[];
  const map = new Map<number, CaseTag[]>();
  for (const { id, name, colour } of rows) map.set(id, [...(map.get(id) ?? []), { name, colour }]);
  return map;
}

// Each case's held sessions are counted by the same condition its report and Activity read
// (session-export.ts), one indexed count per case.
function withTags(db: Db, rows: Omit<CaseRow, 'sessionTotal'>[]): Case[] {
  const tags = caseTagsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    sessionTotal: countSelection(db, { caseId: r.id }),
    tags: tags.get(r.id) ?? [],
  }));
}

/** "No case with id 3.", and for a deleted case who deleted it, when, and where its copy is. */
export function noCaseMessage(db: Db, id: number): string {
  const deleted = entityHistory(db, 'case', id).findLast((e) => e.kind === 'case-delete');
  return deleted
    ? `No case with id ${id}: it was deleted by ${deleted.analyst} at ${new Date(deleted.at).toISOString()} (${deletedCaseCopy(id)} shows what it held).`
    : `No case with id ${id}.`;
}

export function getCase(db: Db, id: number): Case | undefined {
  const row = db.prepare(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = ?`).get(id) as CaseRow | undefined;
  return row && withTags(db, [row])[0];
}

/** Cases, most recently updated first; with a tag id, only the cases that carry it. */
export function listCases(db: Db, filter: { status?: CaseStatus; tagId?: number } = {}): Case[] {
  const rows = db
    .prepare(
      `SELECT ${CASE_COLUMNS} FROM cases c WHERE (@status IS NULL OR c.status = @status)
       AND (@tagId IS NULL OR c.id IN (SELECT ct.case_id FROM case_tags ct WHERE ct.tag_id = @tagId))
       ORDER BY c.updated_at DESC, c.id DESC`,
    )
    .all({ status: filter.status ?? null, tagId: filter.tagId ?? null }) as CaseRow[];
  return withTags(db, rows);
}

export function caseItems(db: Db, caseId: number): CaseItem[] {
  return db
    .prepare(
      `SELECT id, kind, session_id AS sessionId, ip, added_by AS addedBy, added_at AS addedAt
       FROM case_items WHERE case_id = ? ORDER BY id`,
    )
    .all(caseId) as CaseItem[];
}

/** The IPs a case names, in the order they were added. */
export function caseIps(db: Db, caseId: number): string[] {
  return db
    .prepare(`SELECT ip FROM case_items WHERE case_id = ? AND ip IS NOT NULL AND ip <> '' ORDER BY id`)
    .pluck()
    .all(caseId) as string[];
}

export function prepareCaseItemWrite(db: Db): {
  addSession(caseId: number, sessionId: number, by: string, at: number): boolean;
  addIp(caseId: number, ip: string, by: string, at: number): boolean;
  removeSession(caseId: number, sessionId: number): boolean;
  removeIp(caseId: number, ip: string): boolean;
} {
  const add = db.prepare(
    `INSERT OR IGNORE INTO case_items (case_id, kind, session_id, ip, added_by, added_at)
     VALUES (@caseId, @kind, @sessionId, @ip, @by, @at)`,
  );
  const removeSession = db.prepare(
    `DELETE FROM case_items WHERE case_id = ? AND kind = 'session' AND session_id = ?`,
  );
  const removeIp = db.prepare(`DELETE FROM case_items WHERE case_id = ? AND kind = 'ip' AND ip = ?`);
  return {
    addSession: (caseId, sessionId, by, at) =>
      add.run({ caseId, kind: 'session', sessionId, ip: null, by, at }).changes === 1,
    addIp: (caseId, ip, by, at) => add.run({ caseId, kind: 'ip', sessionId: null, ip, by, at }).changes === 1,
    removeSession: (caseId, sessionId) => removeSession.run(caseId, sessionId).changes === 1,
    removeIp: (caseId, ip) => removeIp.run(caseId, ip).changes === 1,
  };
}

export function insertCaseNote(db: Db, caseId: number, analyst: string, body: string, at: number): number {
  return Number(
    db
      .prepare('INSERT INTO case_notes (case_id, analyst, body, at) VALUES (?, ?, ?, ?)')
      .run(caseId, analyst, body, at).lastInsertRowid,
  );
}

export function caseNotes(db: Db, caseId: number): CaseNote[] {
  return db
    .prepare('SELECT id, analyst, body, at FROM case_notes WHERE case_id = ? ORDER BY at, id')
    .all(caseId) as CaseNote[];
}
