// A dictionary gives each distinct text one id: a new text gets the row it was added as, a text
// stored earlier (by another writer, or before a memo started over) gets its stored id back.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareStringIntern } from '../../../src-main/core/db/interned-strings.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

describe('prepareStringIntern', () => {
  it('adds a new text once and finds a stored one by its text', () => {
    const db = openDatabase(path.join(tempDir(), 'i.db'));
    db.exec('CREATE TABLE words (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)');
    db.exec(`INSERT INTO words (id, value) VALUES (40, 'stored')`);
    const intern = prepareStringIntern(db, 'words');
    const a = intern('alpha');
    const b = intern('beta');
    expect([a, b]).toEqual([41, 42]);
    expect(intern('alpha')).toBe(a);
    expect(intern('stored')).toBe(40);
    // Another writer (its own memo) finds the same ids in the table.
    const other = prepareStringIntern(db, 'words');
    expect([other('beta'), other('alpha'), other('gamma')]).toEqual([b, a, 43]);
    const rows = db.prepare('SELECT id, value FROM words ORDER BY id').raw().all();
    expect(rows).toEqual([
      [40, 'stored'],
      [a, 'alpha'],
      [b, 'beta'],
      [43, 'gamma'],
    ]);
    db.close();
  });
});
