// A dictionary gives each distinct text one id: a new text gets the row it was added as, a text
// stored earlier (by another writer, or before a memo started over) gets its stored id back.
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { prepareStringIntern } from '../../../src-main/core/db/interned-strings.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

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

  it('keeps a bounded memo of the texts it interned, however many distinct ones come', () => {
    const db = openDatabase(path.join(tempDir(), 'm.db'));
    db.exec('CREATE TABLE agents (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)');
    const intern = prepareStringIntern(db, 'agents');
    const text = (i: number) => `Mozilla/5.0 (build ${i}) ${'x'.repeat(300)}`;
    gc();
    const before = process.memoryUsage().heapUsed;
    db.transaction(() => {
      for (let i = 0; i < 60_000; i++) intern(text(i));
    })();
    gc();
    const held = process.memoryUsage().heapUsed - before;
    // A memo of every text would hold 60 000 × 330 characters (over 20 MB); a bounded one, a
    // megabyte or two whatever the log brings.
    expect(held).toBeLessThan(6 * 1024 * 1024);
    // Texts the memo dropped still get their own ids, from the table.
    expect(intern(text(7))).toBe(8);
    expect(intern(text(59_999))).toBe(60_000);
    expect(intern(text(60_000))).toBe(60_001);
    expect(db.prepare('SELECT count(*) FROM agents').pluck().get()).toBe(60_001);
    db.close();
  });
});
