import type { AuditEntry } from '../../../src-shared/triage.js';
import { sealAction } from './audit-chain.js';
import type { Db } from './open.js';

export interface ActionInput {
  analyst: string;
  kind: string;
  summary: string;
  at?: number;
  undoes?: number;
}

export interface ChangeInput {
  entity: string;
  entityId: string | number;
  field: string;
  before: unknown;
  after: unknown;
}

/** Starts an audit action; its changes follow with one `recordChanges` call in the same transaction. */
export function insertAction(db: Db, action: ActionInput): number {
  // The id is past every action_id in audit_log too, not just past the last action: a change
  // planted for the next id (behind the triggers, or before migration 024) would otherwise be
  // sealed into this action's link and verify. Past it, it stays an orphan that verify names.
  // Both maxima are read from an index.
  const info = db
    .prepare(
      `INSERT INTO audit_actions (id, at, analyst, kind, summary, undoes) VALUES (
         max(coalesce((SELECT max(id) FROM audit_actions), 0),
             coalesce((SELECT max(action_id) FROM audit_log), 0)) + 1,
         ?, ?, ?, ?, ?)`,
    )
    .run(action.at ?? Date.now(), action.analyst, action.kind, action.summary, action.undoes ?? null);
  return Number(info.lastInsertRowid);
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Rows per INSERT. Each statement on audit_log pays a fixed cost for its triggers (about 13 µs
 * measured, however many rows it inserts): row by row, that made writing the changes of a
 * 400 000-session verdict 6x slower; at 256 rows per statement it is lost in the noise.
 */
const ROWS_PER_INSERT = 256;
const CHANGE_WIDTH = 6;

function prepareChangeInsert(db: Db, rows: number) {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
  return db.prepare(
    `INSERT INTO audit_log (action_id, entity, entity_id, field, before, after) VALUES ${values}`,
  );
}

/**
 * Writes every change of an action, then seals the action into the audit chain: call it once per
 * action, last, in the action's transaction (the database refuses changes to a sealed action).
 */
export function recordChanges(db: Db, actionId: number, changes: Iterable<ChangeInput>): void {
  const full = prepareChangeInsert(db, ROWS_PER_INSERT);
  const values: unknown[] = [];
  for (const c of changes) {
    values.push(actionId, c.entity, String(c.entityId), c.field, json(c.before), json(c.after));
    if (values.length === ROWS_PER_INSERT * CHANGE_WIDTH) {
      full.run(values);
      values.length = 0;
    }
  }
  if (values.length > 0) prepareChangeInsert(db, values.length / CHANGE_WIDTH).run(values);
  sealAction(db, actionId);
}

/** One action and its changes, sealed, in the caller's transaction; returns the action id. */
export function recordAction(db: Db, action: ActionInput, changes: Iterable<ChangeInput>): number {
  const actionId = insertAction(db, action);
  recordChanges(db, actionId, changes);
  return actionId;
}

interface EntryRow extends Omit<AuditEntry, 'before' | 'after'> {
  before: string | null;
  after: string | null;
}

const ENTRY_COLUMNS = `l.id, l.action_id AS actionId, a.at, a.analyst, a.kind, a.summary, l.entity,
  l.entity_id AS entityId, l.field,
  l.before, l.after, a.undoes`;

/**
 * A change's stored before/after value. Vigil writes JSON only, so text that is not JSON was
 * written outside Vigil: said so, with the change, rather than as a bare parse error.
 */
export function auditValue(text: string | null, changeId: number): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(
      `audit change ${changeId} holds a value that is not JSON: the audit log was edited outside Vigil (vigil audit verify names the broken action)`,
    );
  }
}

const parse = (row: EntryRow): AuditEntry => ({
  ...row,
  before: auditValue(row.before, row.id),
  after: auditValue(row.after, row.id),
});

/** Who changed what on one entity, oldest first. */
export function entityHistory(db: Db, entity: string, entityId: string | number): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT ${ENTRY_COLUMNS} FROM audit_log l JOIN audit_actions a ON a.id = l.action_id
       WHERE l.entity = ? AND l.entity_id = ? ORDER BY l.id`,
    )
    .all(entity, String(entityId)) as EntryRow[];
  return rows.map(parse);
}

/** The changes of one action, in the order they were made. */
export function actionChanges(db: Db, actionId: number): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT ${ENTRY_COLUMNS} FROM audit_log l JOIN audit_actions a ON a.id = l.action_id
       WHERE l.action_id = ? ORDER BY l.id`,
    )
    .all(actionId) as EntryRow[];
  return rows.map(parse);
}

/** The analyst's most recent action of these kinds that nobody has undone yet. */
export function lastUndoableAction(
  db: Db,
  analyst: string,
  kinds: readonly string[],
): { id: number; kind: string; summary: string } | undefined {
  return db
    .prepare(
      `SELECT id, kind, summary FROM audit_actions a
       WHERE analyst = ? AND kind IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM audit_actions u WHERE u.undoes = a.id)
       ORDER BY id DESC LIMIT 1`,
    )
    .get(analyst, JSON.stringify(kinds)) as { id: number; kind: string; summary: string } | undefined;
}

/** One action as undo needs it: who took it, its kind, and whether an undo already names it. */
export function actionForUndo(
  db: Db,
  id: number,
): { id: number; analyst: string; kind: string; summary: string; undone: boolean } | undefined {
  const row = db
    .prepare(
      `SELECT id, analyst, kind, summary,
              EXISTS (SELECT 1 FROM audit_actions u WHERE u.undoes = a.id) AS undone
       FROM audit_actions a WHERE id = ?`,
    )
    .get(id) as { id: number; analyst: string; kind: string; summary: string; undone: number } | undefined;
  return row && { ...row, undone: row.undone === 1 };
}
