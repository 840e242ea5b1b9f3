import type { Db } from './open.js';

/** Interns an extras JSON text and returns its id; a per-writer memo keeps it to one lookup per distinct set. */
export function prepareAttrIntern(db: Db): (json: string) => number {
  const insert = db.prepare('INSERT OR IGNORE INTO attr_sets (json) VALUES (?)');
  const select = db.prepare('SELECT id FROM attr_sets WHERE json = ?').pluck();
  const memo = new Map<string, number>();
  return (json) => {
    let id = memo.get(json);
    if (id === undefined) {
      insert.run(json);
      id = select.get(json) as number;
      if (memo.size > 100_000) memo.clear();
      memo.set(json, id);
    }
    return id;
  };
}
