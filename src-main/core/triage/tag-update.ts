// Renaming or recolouring a tag changes what every session and case carrying it shows, so it is an
// audited action under the tag's id (the sessions keep the tag; only its name or colour changes).
import { recordAction } from '../db/audit.js';
import type { Db } from '../db/open.js';
import { findTag, updateTag } from '../db/tags.js';

export function updateTagAudited(
  db: Db,
  analyst: string,
  name: string,
  change: { rename?: string; colour?: string },
) {
  db.transaction(() => {
    const tag = findTag(db, name);
    if (!tag) throw new Error(`No tag named "${name}".`);
    const after = { name: change.rename ?? tag.name, colour: change.colour ?? tag.colour };
    if (after.name === tag.name && after.colour === tag.colour) return;
    updateTag(db, tag.id, after.name, after.colour);
    const summary =
      after.name === tag.name
        ? `recoloured tag "${tag.name}"`
        : `renamed tag "${tag.name}" to "${after.name}"`;
    recordAction(db, { analyst, kind: 'tag-update', summary }, [
      {
        entity: 'tag',
        entityId: tag.id,
        field: 'tag',
        before: { name: tag.name, colour: tag.colour },
        after,
      },
    ]);
  }).immediate();
}
