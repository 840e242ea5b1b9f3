// Cases: every change is one audited action on the case entity (not undoable; edit it back instead).
import type { Case, CaseDetail, CaseSeverity, CaseStatus } from '../../../src-shared/cases.js';
import { canonicalIp } from '../../../src-shared/ip.js';
import { recordAction } from '../db/audit.js';
import {
  caseIps,
  caseItems,
  caseNotes,
  deleteCase as deleteCaseRow,
  getCase,
  insertCase,
  insertCaseNote,
  listCases,
  noCaseMessage,
  prepareCaseItemWrite,
  touchCase,
  updateCase as updateCaseRow,
} from '../db/cases.js';
import type { Db } from '../db/open.js';
import { findTag, prepareTagLinkWrite } from '../db/tags.js';
import { refuseStaleDelete, refuseStaleEdit } from './case-stale-edit.js';
import { refuseEarly, requireStoredSessions } from './stored-sessions.js';
import { ensureTag } from './tag-actions.js';

export interface CaseItemsChange {
  sessionIds: number[];
  ips: string[];
}

function requireCase(db: Db, id: number) {
  const found = getCase(db, id);
  if (!found) throw new Error(noCaseMessage(db, id));
  return found;
}

/**
 * A closed case is finished evidence: the sessions and IPs it was closed with are what it found.
 * Adding or removing them (CLI, case page, Sessions, Triage, server) is refused here, where every
 * entry point passes, until the case is reopened. Notes, tags and status changes stay allowed: a
 * closing note is part of closing a case, and reopening must work.
 */
function requireOpenForItems(db: Db, id: number) {
  const found = requireCase(db, id);
  if (found.status === 'closed')
    throw new Error(
      `Case ${id} is closed: reopen it (vigil case update ${id} --status open) to change its sessions or IPs.`,
    );
  return found;
}

function applyItems(
  db: Db,
  caseId: number,
  analyst: string,
  items: CaseItemsChange,
  add: boolean,
  at: number,
) {
  const write = prepareCaseItemWrite(db);
  const sessions = add ? requireStoredSessions(db, items.sessionIds) : [...new Set(items.sessionIds)];
  const changedSessions = sessions.filter((id) =>
    add ? write.addSession(caseId, id, analyst, at) : write.removeSession(caseId, id),
  );
  return {
    sessions: changedSessions,
    ips: applyIps(db, write, { caseId, analyst, ips: items.ips, add, at }),
  };
}

/**
 * Adds or removes a case's IPs by address, as the case holds them (all sessions from or to the
 * address in any text form: session-export.ts): an IP the case already names in another form
 * (`2001:DB8::3` beside `2001:db8::3`, `::ffff:10.1.2.3` beside `10.1.2.3`) is not added again, and
 * removing an IP removes the item that names its address, whichever form was typed. The item keeps
 * the text the analyst gave. Returns the texts added, or the stored texts removed.
 */
function applyIps(
  db: Db,
  write: ReturnType<typeof prepareCaseItemWrite>,
  {
    caseId,
    analyst,
    ips,
    add,
    at,
  }: { caseId: number; analyst: string; ips: string[]; add: boolean; at: number },
): string[] {
  const held = new Map<string, string[]>();
  for (const ip of caseIps(db, caseId)) {
    const address = canonicalIp(ip);
    held.set(address, [...(held.get(address) ?? []), ip]);
  }
  const changed: string[] = [];
  for (const ip of new Set(ips)) {
    const address = canonicalIp(ip);
    if (add) {
      if (held.has(address)) continue;
      if (write.addIp(caseId, ip, analyst, at)) changed.push(ip);
      held.set(address, [ip]);
    } else {
      for (const stored of held.get(address) ?? []) if (write.removeIp(caseId, stored)) changed.push(stored);
      held.delete(address);
    }
  }
  return changed;
}

export function createCase(
  db: Db,
  analyst: string,
  args: CaseItemsChange & { title: string; severity: CaseSeverity; summary: string },
): number {
  refuseEarly(db, args.sessionIds);
  return db
    .transaction(() => {
      const at = Date.now();
      const id = insertCase(db, { ...args, status: 'open', createdBy: analyst, at });
      const added = applyItems(db, id, analyst, args, true, at);
      recordAction(db, { analyst, at, kind: 'case-create', summary: `created case ${id}` }, [
        {
          entity: 'case',
          entityId: id,
          field: 'case',
          before: null,
          after: { title: args.title, severity: args.severity, status: 'open', summary: args.summary },
        },
        { entity: 'case', entityId: id, field: 'items', before: null, after: added },
      ]);
      return id;
    })
    .immediate();
}

export function updateCase(
  db: Db,
  analyst: string,
  args: {
    id: number;
    title?: string;
    severity?: CaseSeverity;
    status?: CaseStatus;
    summary?: string;
    was?: { title?: string; summary?: string; severity?: CaseSeverity; status?: CaseStatus };
  },
): void {
  db.transaction(() => {
    const current = requireCase(db, args.id);
    refuseStaleEdit(db, args.id, current, args, args.was);
    const before = {
      title: current.title,
      severity: current.severity,
      status: current.status,
      summary: current.summary,
    };
    const after = {
      title: args.title ?? before.title,
      severity: args.severity ?? before.severity,
      status: args.status ?? before.status,
      summary: args.summary ?? before.summary,
    };
    // Nothing differs: nothing to record. Before, an update to the values the case already had
    // bumped its time and put "case updated — no change" by the analyst into its report.
    if (
      after.title === before.title &&
      after.severity === before.severity &&
      after.status === before.status &&
      after.summary === before.summary
    )
      return;
    const at = Date.now();
    updateCaseRow(db, args.id, after, at);
    recordAction(db, { analyst, at, kind: 'case-update', summary: `updated case ${args.id}` }, [
      { entity: 'case', entityId: args.id, field: 'case', before, after },
    ]);
  }).immediate();
}

export function editCaseItems(
  db: Db,
  analyst: string,
  args: CaseItemsChange & { caseId: number; add: boolean },
): { sessions: number; ips: number } {
  if (args.add) refuseEarly(db, args.sessionIds);
  return db
    .transaction(() => {
      requireOpenForItems(db, args.caseId);
      const at = Date.now();
      const changed = applyItems(db, args.caseId, analyst, args, args.add, at);
      // Nothing added or removed (all held already, or none held): nothing to record. Before, the
      // case's time moved and an empty "0 session(s), 0 IP(s)" action went into the audit log.
      if (changed.sessions.length === 0 && changed.ips.length === 0) return { sessions: 0, ips: 0 };
      touchCase(db, args.caseId, at);
      const summary = `${args.add ? 'added to' : 'removed from'} case ${args.caseId}: ${changed.sessions.length} session(s), ${changed.ips.length} IP(s)`;
      recordAction(db, { analyst, at, kind: 'case-items', summary }, [
        {
          entity: 'case',
          entityId: args.caseId,
          field: 'items',
          before: args.add ? null : changed,
          after: args.add ? changed : null,
        },
      ]);
      return { sessions: changed.sessions.length, ips: changed.ips.length };
    })
    .immediate();
}

/**
 * Tags a case (or untags it, on: false) with the session tags; a new name creates the tag, in the
 * next palette colour. One audited action with the case's tag names before and after.
 */
export function tagCase(
  db: Db,
  analyst: string,
  args: { caseId: number; tags: string[]; on: boolean },
): { added: string[]; removed: string[] } {
  const write = prepareTagLinkWrite(db, 'case');
  return db
    .transaction(() => {
      const before = requireCase(db, args.caseId).tags.map((t) => t.name);
      const changed: string[] = [];
      for (const name of new Set(args.tags)) {
        const tag = args.on ? ensureTag(db, name) : findTag(db, name);
        if (!tag) continue;
        if (args.on ? write.add(args.caseId, tag.id) : write.remove(args.caseId, tag.id))
          changed.push(tag.name);
      }
      if (changed.length === 0) return { added: [], removed: [] };
      const at = Date.now();
      touchCase(db, args.caseId, at);
      const after = requireCase(db, args.caseId).tags.map((t) => t.name);
      const summary = `${args.on ? 'tagged' : 'untagged'} case ${args.caseId} ${changed.map((n) => `"${n}"`).join(', ')}`;
      recordAction(db, { analyst, at, kind: 'case-tags', summary }, [
        { entity: 'case', entityId: args.caseId, field: 'tags', before, after },
      ]);
      return args.on ? { added: changed, removed: [] } : { added: [], removed: changed };
    })
    .immediate();
}

/** Cases by status and tag name (an unknown tag has no cases). */
export function findCases(db: Db, filter: { status?: CaseStatus; tag?: string }): Case[] {
  if (filter.tag === undefined) return listCases(db, { status: filter.status });
  const tag = findTag(db, filter.tag);
  return tag ? listCases(db, { status: filter.status, tagId: tag.id }) : [];
}

export function addCaseNote(db: Db, analyst: string, caseId: number, body: string): number {
  return db
    .transaction(() => {
      requireCase(db, caseId);
      const at = Date.now();
      const id = insertCaseNote(db, caseId, analyst, body, at);
      touchCase(db, caseId, at);
      recordAction(db, { analyst, at, kind: 'case-note', summary: `note on case ${caseId}` }, [
        { entity: 'case', entityId: caseId, field: 'note', before: null, after: { id, body } },
      ]);
      return id;
    })
    .immediate();
}

/**
 * Deletes a case with its items, tag links and notes (its sessions, verdicts and tags stay). With
 * `was` (the case's updatedAt when the analyst confirmed), a case changed since is refused.
 */
export function deleteCase(db: Db, analyst: string, caseId: number, was?: { updatedAt: number }): void {
  db.transaction(() => {
    const detail = caseDetail(db, caseId);
    refuseStaleDelete(db, detail.case, was);
    deleteCaseRow(db, caseId);
    // The whole case goes into the audit log, so a deletion can be reviewed (and rebuilt by hand).
    recordAction(db, { analyst, kind: 'case-delete', summary: `deleted case ${caseId}` }, [
      { entity: 'case', entityId: caseId, field: 'case', before: detail, after: null },
    ]);
  }).immediate();
}

export function caseDetail(db: Db, caseId: number): CaseDetail {
  return { case: requireCase(db, caseId), items: caseItems(db, caseId), notes: caseNotes(db, caseId) };
}
