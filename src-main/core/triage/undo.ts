// Undo: reverses the analyst's last verdict or tag action, entity by entity, as a new audited
// action (the audit log itself never changes). Entities someone changed since are left alone.
import type { AuditEntry, UndoResult } from '../../../src-shared/triage.js';
import { actionChanges, insertAction, lastUndoableAction, recordChanges } from '../db/audit.js';
import type { Db } from '../db/open.js';
import { prepareSessionTagWrite, taggedAmong } from '../db/tags.js';
import { prepareVerdictWrite, verdictsOf } from '../db/verdicts.js';
import { TAG_ACTION, type TagState } from './tag-actions.js';
import { VERDICT_ACTION, type VerdictState, verdictState } from './verdict-actions.js';

const UNDOABLE = [VERDICT_ACTION, TAG_ACTION] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

interface Restorer {
  current(change: AuditEntry): unknown;
  restore(change: AuditEntry, actionId: number): void;
}

function restorers(db: Db): Record<string, Restorer> {
  const verdicts = prepareVerdictWrite(db);
  const tags = prepareSessionTagWrite(db);
  return {
    verdict: {
      current: (c) => verdictState(verdictsOf(db, [Number(c.entityId)]).get(Number(c.entityId))),
      restore: (c, actionId) => {
        const before = c.before as VerdictState;
        const sessionId = Number(c.entityId);
        if (before) verdicts.put({ sessionId, ...before }, actionId);
        else verdicts.clear(sessionId);
      },
    },
    tag: {
      current: (c) => {
        const after = c.after as TagState;
        return { ...after, present: taggedAmong(db, after.tagId, [Number(c.entityId)]).size > 0 };
      },
      restore: (c) => {
        const before = c.before as TagState;
        if (before.present) tags.add(Number(c.entityId), before.tagId);
        else tags.remove(Number(c.entityId), before.tagId);
      },
    },
  };
}

export function undoLastAction(db: Db, analyst: string): UndoResult {
  const by = restorers(db);
  return db
    .transaction((): UndoResult => {
      const action = lastUndoableAction(db, analyst, UNDOABLE);
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
      for (const change of changes) {
        const restorer = by[change.field];
        if (!restorer) continue;
        const current = restorer.current(change);
        if (!same(current, change.after)) {
          skipped++;
          continue;
        }
        restorer.restore(change, undoId);
        restored.push({
          entity: change.entity,
          entityId: change.entityId,
          field: change.field,
          before: current,
          after: change.before,
        });
      }
      recordChanges(db, undoId, restored);
      return { undone: action.id, summary: `Undid ${action.summary}`, restored: restored.length, skipped };
    })
    .immediate();
}
