// Tags: named colours on sessions. Tagging is audited (and undoable) like verdicts.
import { must } from '../../../src-shared/must.js';
import type { ActionResult } from '../../../src-shared/triage.js';
import { insertAction, recordChanges } from '../db/audit.js';
import type { Db } from '../db/open.js';
import { findTag, insertTag, prepareSessionTagWrite, tagCount, taggedAmong } from '../db/tags.js';
import { refuseEarly, requireStoredSessions } from './stored-sessions.js';

export const TAG_ACTION = 'tag';

/** Colours given to tags created on the fly, in turn (the analyst can change them). */
const PALETTE = ['#d94848', '#e08a2c', '#3b82c4', '#5a9e4b', '#8e5cc2', '#c2a23a'];

/** What the audit log keeps of a tag on a session. */
export interface TagState {
  tagId: number;
  tag: string;
  present: boolean;
}

export function ensureTag(
  db: Db,
  name: string,
  colour?: string,
): { id: number; name: string; colour: string } {
  const existing = findTag(db, name);
  if (existing) return existing;
  const chosen = colour ?? must(PALETTE[tagCount(db) % PALETTE.length], 'a colour of the palette');
  return { id: insertTag(db, name, chosen), name, colour: chosen };
}

export function tagSessions(
  db: Db,
  analyst: string,
  args: { tag: string; sessionIds: number[]; on: boolean },
): ActionResult {
  refuseEarly(db, args.sessionIds);
  const write = prepareSessionTagWrite(db);
  return db
    .transaction(() => {
      const ids = requireStoredSessions(db, args.sessionIds);
      const tag = args.on ? ensureTag(db, args.tag) : findTag(db, args.tag);
      if (!tag) throw new Error(`No tag named "${args.tag}".`);
      const had = taggedAmong(db, tag.id, ids);
      const changing = ids.filter((id) => had.has(id) !== args.on);
      const actionId = insertAction(db, {
        analyst,
        kind: TAG_ACTION,
        summary: `${args.on ? 'tagged' : 'untagged'} ${changing.length} session(s) "${tag.name}"`,
      });
      const state = (present: boolean): TagState => ({ tagId: tag.id, tag: tag.name, present });
      recordChanges(
        db,
        actionId,
        changing.map((id) => {
          if (args.on) write.add(id, tag.id);
          else write.remove(id, tag.id);
          return {
            entity: 'session',
            entityId: id,
            field: 'tag',
            before: state(!args.on),
            after: state(args.on),
          };
        }),
      );
      return { actionId, changed: changing.length, covered: ids.length };
    })
    .immediate();
}
