// Deleting a tag: it leaves every session and case that carried it (foreign key cascade), which
// changes evidence, so it is one audited action naming each of them. Each case it leaves has
// changed, as by an untag: its updated time moves (the case list's "updated", and the stale check
// of a deletion confirmed before). Its kind is not an undoable one: the tag is gone, and an undo
// would have to re-create it under a new id.
import { recordAction } from '../db/audit.js';
import { caseTagsOf, touchCase } from '../db/cases.js';
import type { Db } from '../db/open.js';
import { deleteTag, findTag, tagCarriers } from '../db/tags.js';
import type { TagState } from './tag-actions.js';

export function deleteTagAudited(db: Db, analyst: string, name: string): void {
  db.transaction(() => {
    const tag = findTag(db, name);
    if (!tag) throw new Error(`No tag named "${name}".`);
    const { sessions, cases } = tagCarriers(db, tag.id);
    const caseTags = caseTagsOf(db, cases);
    const state = (present: boolean): TagState => ({ tagId: tag.id, tag: tag.name, present });
    const at = Date.now();
    deleteTag(db, tag.id);
    for (const id of cases) touchCase(db, id, at);
    recordAction(
      db,
      {
        analyst,
        at,
        kind: 'tag-delete',
        summary: `deleted tag "${tag.name}" from ${sessions.length} session(s) and ${cases.length} case(s)`,
      },
      [
        // Recorded under the tag's id too: the audit log then remembers it, so no new tag takes it.
        {
          entity: 'tag',
          entityId: tag.id,
          field: 'tag',
          before: { name: tag.name, colour: tag.colour },
          after: null,
        },
        ...sessions.map((id) => ({
          entity: 'session',
          entityId: id,
          field: 'tag',
          before: state(true),
          after: state(false),
        })),
        ...cases.map((id) => {
          const before = (caseTags.get(id) ?? []).map((t) => t.name);
          return {
            entity: 'case',
            entityId: id,
            field: 'tags',
            before,
            after: before.filter((n) => n !== tag.name),
          };
        }),
      ],
    );
  }).immediate();
}
