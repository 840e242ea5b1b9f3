import type { Tag } from '../../../src-shared/triage.js';
import type { Db } from './open.js';
import { unusedIdSql } from './unused-id.js';

export function listTags(db: Db): Tag[] {
  return db
    .prepare(
      `SELECT t.id, t.name, t.colour, (SELECT count(*) FROM session_tags st WHERE st.tag_id = t.id) AS sessions
       FROM tags t ORDER BY t.name`,
    )
    .all() as Tag[];
}

export function tagCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM tags').pluck().get() as number;
}

export function findTag(db: Db, name: string): { id: number; name: string; colour: string } | undefined {
  return db.prepare('SELECT id, name, colour FROM tags WHERE name = ?').get(name) as
    | { id: number; name: string; colour: string }
    | undefined;
}

export function insertTag(db: Db, name: string, colour: string): number {
  return Number(
    // A deleted tag's id never names a new tag: an old tag action's undo names the tag by id.
    db
      .prepare(`INSERT INTO tags (id, name, colour) VALUES (${unusedIdSql('tags', 'tag')}, ?, ?)`)
      .run(name, colour).lastInsertRowid,
  );
}

export function updateTag(db: Db, id: number, name: string, colour: string): void {
  db.prepare('UPDATE tags SET name = ?, colour = ? WHERE id = ?').run(name, colour, id);
}

/** The sessions and cases that carry a tag (what its deletion takes it from). */
export function tagCarriers(db: Db, tagId: number): { sessions: number[]; cases: number[] } {
  return {
    sessions: db
      .prepare('SELECT session_id FROM session_tags WHERE tag_id = ?')
      .pluck()
      .all(tagId) as number[],
    cases: db.prepare('SELECT case_id FROM case_tags WHERE tag_id = ?').pluck().all(tagId) as number[],
  };
}

/** Removes a tag; its session and case links go with it (foreign key cascade). */
export function deleteTag(db: Db, id: number): void {
  db.prepare('DELETE FROM tags WHERE id = ?').run(id);
}

/** Of these sessions, the ones that carry the tag. */
export function taggedAmong(db: Db, tagId: number, sessionIds: readonly number[]): Set<number> {
  const rows = db
    .prepare(
      'SELECT session_id FROM session_tags WHERE tag_id = ? AND session_id IN (SELECT value FROM json_each(?))',
    )
    .pluck()
    .all(tagId, JSON.stringify(sessionIds)) as number[];
  return new Set(rows);
}

/** Adds and removes the tag links of sessions or of cases; each answers whether a row changed. */
export function prepareTagLinkWrite(
  db: Db,
  owner: 'session' | 'case',
): {
  add(ownerId: number, tagId: number): boolean;
  remove(ownerId: number, tagId: number): boolean;
} {
  // The table and column come from the literal type above, never from input.
  const add = db.prepare(`INSERT OR IGNORE INTO ${owner}_tags (${owner}_id, tag_id) VALUES (?, ?)`);
  const remove = db.prepare(`DELETE FROM ${owner}_tags WHERE ${owner}_id = ? AND tag_id = ?`);
  return {
    add: (ownerId, tagId) => add.run(ownerId, tagId).changes === 1,
    remove: (ownerId, tagId) => remove.run(ownerId, tagId).changes === 1,
  };
}

export const prepareSessionTagWrite = (db: Db) => prepareTagLinkWrite(db, 'session');

/** Tag names per session, for pages of sessions. */
export function tagsOf(db: Db, sessionIds: readonly number[]): Map<number, string[]> {
  const rows = db
    .prepare(
      `SELECT st.session_id AS id, t.name FROM session_tags st JOIN tags t ON t.id = st.tag_id
       WHERE st.session_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`,
    )
    .all(JSON.stringify(sessionIds)) as { id: number; name: string }[];
  const map = new Map<number, string[]>();
  for (const row of rows) map.set(row.id, [...(map.get(row.id) ?? []), row.name]);
  return map;
}
