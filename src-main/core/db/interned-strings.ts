// Interned session fields (src-shared/fields, storage 'interned'): each distinct text is stored
// once in the field's dictionary table and sessions hold its id.
import { type FieldDef, LOG_FIELDS, type ValueClassDef } from '../../../src-shared/fields/index.js';
import type { Db } from './open.js';
import { RecentTexts } from './recent-texts.js';

/**
 * The id of `text` in `table` (id INTEGER PRIMARY KEY, `column` TEXT NOT NULL UNIQUE), added when
 * new; a per-writer memo keeps it to one lookup per distinct text.
 */
export function prepareStringIntern(
  db: Db,
  table: string,
  column = 'value',
  valueClass?: ValueClassDef,
): (text: string) => number {
  // A dictionary that classes its values stores the class with each new value (FieldDef.valueClass).
  const insert = valueClass
    ? db.prepare(`INSERT OR IGNORE INTO ${table} (${column}, ${valueClass.column}) VALUES (?, ?)`)
    : db.prepare(`INSERT OR IGNORE INTO ${table} (${column}) VALUES (?)`);
  const add = valueClass
    ? (text: string) => insert.run(text, valueClass.classify(text))
    : insert.run.bind(insert);
  const select = db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`).pluck();
  // Bounded in texts and characters (recent-texts.ts): memory stays flat on a log whose texts rarely repeat.
  const memo = new RecentTexts();
  return (text) => {
    let id = memo.get(text);
    if (id === undefined) {
      // A new text's id is the row just added: one statement instead of an insert and a select.
      const added = add(text);
      id = added.changes === 1 ? Number(added.lastInsertRowid) : (select.get(text) as number);
      memo.set(text, id);
    }
    return id;
  };
}

/** Per field of LOG_FIELDS (same index): how its text becomes what is stored, or null to store it as is. */
export function prepareFieldInterns(db: Db): (((text: string) => number) | null)[] {
  return LOG_FIELDS.map((field: FieldDef) =>
    field.storage === 'interned'
      ? prepareStringIntern(
          db,
          field.dictionary,
          'value',
          'valueClass' in field ? field.valueClass : undefined,
        )
      : null,
  );
}
