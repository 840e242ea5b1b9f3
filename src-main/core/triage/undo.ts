// Undo: reverses the analyst's last verdict or tag action, entity by entity, as a new audited
// action (the audit log itself never changes). Entities someone changed since are left alone.
import { must } from '../../../src-shared/must.js';
import type { AuditEntry, UndoResult } from '../../../src-shared/triage.js';
import {
  actionChanges,
  actionForUndo,
  insertAction,
  lastUndoableAction,
  recordChanges,
} from '../db/audit.js';
import type { Db } from '../db/open.js';
import { prepareSessionTagWrite, taggedAmong } from '../db/tags.js';
import { prepareVerdictWrite, verdictsOf } from '../db/verdicts.js';
import { TAG_ACTION, type TagState } from './tag-actions.js';
import { VERDICT_ACTION, type VerdictState, verdictState } from './verdict-actions.js';

const UNDOABLE = [VERDICT_ACTION, TAG_ACTION] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Reads and restores the entities of one field, many at a time. */
interface Restorer {
  /** The current state of each change's entity, in the order of `changes`. */
  current(changes: readonly AuditEntry[]): unknown[];
  /** Puts each change's entity back to its `before` state. */
  restore(changes: readonly AuditEntry[], actionId: number): void;
}

const sessionIdsOf = (changes: readonly AuditEntry[]) => changes.map((c) => Number(c.entityId));

/** Changes grouped by a key of theirs, for one statement per group instead of one per entity. */
function groupBy<K>(changes: readonly AuditEntry[], key: (c: AuditEntry) => K): Map<K, AuditEntry[]> {
  const groups = new Map<K, AuditEntry[]>();
  for (const change of changes) {
    const k = key(change);
    const group = groups.get(k);
    if (group) group.push(change);
    else groups.set(k, [change]);
  }
  return groups;
}

function restorers(db: Db): Record<string, Restorer> {
  const verdicts = prepareVerdictWrite(db);
  const tags = prepareSessionTagWrite(db);
  return {
    verdict: {
      current: (changes) => {
        const ids = sessionIdsOf(changes);
        const now = verdictsOf(db, ids);
        return ids.map((id) => verdictState(now.get(id)));
      },
      // One verdict action leaves few distinct earlier states (most often none): one write each.
      restore: (changes, actionId) => {
        for (const group of groupBy(changes, (c) => JSON.stringify(c.before)).values()) {
          const before = must(group[0], 'a change of the group').before as VerdictState;
          if (before) verdicts.putAll(sessionIdsOf(group), before, actionId);
          else verdicts.clearAll(sessionIdsOf(group));
        }
      },
    },
    tag: {
      current: (changes) => {
        const present = new Map<number, Set<number>>();
        for (const [tagId, group] of groupBy(changes, (c) => (c.after as TagState).tagId))
          present.set(tagId, taggedAmong(db, tagId, sessionIdsOf(group)));
        return changes.map((c) => {
          const after = c.after as TagState;
          const tagged = must(present.get(after.tagId), `the sessions tagged ${after.tagId}`);
          return { ...after, present: tagged.has(Number(c.entityId)) };
        });
      },
      // Single-row INSERT OR IGNORE and DELETE keep no statement journal, so row by row is cheap.
      restore: (changes) => {
        for (const c of changes) {
          const before = c.before as TagState;
          if (before.present) tags.add(Number(c.entityId), before.tagId);
          else tags.remove(Number(c.entityId), before.tagId);
        }
      },
    },
  };
}

/**
 * The action named by `id` if it may be undone by `analyst`: a page undoes the action it took, not
 * the analyst's last one, which another tab or the CLI may have taken since.
 */
function namedAction(db: Db, analyst: string, id: number) {
  const action = actionForUndo(db, id);
  if (!action) throw new Error(`No action ${id} in the audit log.`);
  if (action.undone) throw new Error(`Action ${id} was already undone.`);
  if (action.analyst !== analyst)
    throw new Error(`Action ${id} is ${action.analyst}’s: only ${action.analyst} can undo it.`);
  if (!(UNDOABLE as readonly string[]).includes(action.kind))
    throw new Error(`Action ${id} (${action.kind}) cannot be undone: only a verdict or tag action can.`);
  return action;
}

/** Undoes `actionId` when given (see namedAction), else the analyst's last verdict or tag action. */
export function undoLastAction(db: Db, analyst: string, actionId?: number): UndoResult {
  const by = restorers(db);
  return db
    .transaction((): UndoResult => {
      const action =
        actionId === undefined
          ? lastUndoableAction(db, analyst, UNDOABLE)
          : namedAction(db, analyst, actionId);
      if (!action) return { undone: null, summary: 'Nothing to undo.', restored: 0, skipped: 0 };
      const changes = actionChanges(db, action.id);
      const undoId = insertAction(db, {
        analyst,
        kind: 'undo',
        summary: `undo: ${action.summary}`,
        undoes: action.id,
      });
      let skipped = 0;
      const restored = [];
      for (const [field, group] of groupBy(changes, (c) => c.field)) {
        const restorer = by[field];
        if (!restorer) continue;
        const current = restorer.current(group);
        const restorable = [];
        for (const [i, change] of group.entries()) {
          if (!same(current[i], change.after)) {
            skipped++;
            continue;
          }
          restorable.push(change);
          restored.push({
            entity: change.entity,
            entityId: change.entityId,
            field: change.field,
            before: current[i],
            after: change.before,
          });
        }
        restorer.restore(restorable, undoId);
      }
      recordChanges(db, undoId, restored);
      return { undone: action.id, summary: `Undid ${action.summary}`, restored: restored.length, skipped };
    })
    .immediate();
}
