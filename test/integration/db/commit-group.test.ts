// A bulk writer commits its batches a few at a time: another connection sees nothing of a group
// until it is full (or the writer commits), a batch that fails takes only itself back, and a
// rolled-back group leaves what earlier groups committed.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CommitGroup } from '../../../src-main/core/db/commit-group.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

function setUp() {
  const file = path.join(tempDir(), 'g.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE t (batch INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO t (batch) VALUES (?)');
  // Each batch in its own transaction function, as the import's writer does.
  const batch = db.transaction((n: number, fail: boolean) => {
    insert.run(n);
    if (fail) throw new Error('batch failed');
  });
  const reader = new Database(file, { readonly: true });
  const seen = () =>
    (reader.prepare('SELECT batch FROM t ORDER BY batch').pluck().all() as number[]).join(',');
  const write = (n: number, fail = false) => batch.immediate(n, fail);
  /** One batch as the import writes it inside a group. */
  const inGroup = (group: CommitGroup, n: number) => {
    group.before();
    write(n);
    group.after();
  };
  return { db, write, inGroup, seen };
}

describe('CommitGroup', () => {
  it('commits every `size` batches and on demand', () => {
    const { db, inGroup, seen } = setUp();
    const group = new CommitGroup(db, 3, 60_000);
    inGroup(group, 1);
    inGroup(group, 2);
    expect(seen()).toBe('');
    inGroup(group, 3);
    expect(seen()).toBe('1,2,3');
    inGroup(group, 4);
    expect(seen()).toBe('1,2,3');
    group.commit();
    expect(seen()).toBe('1,2,3,4');
    expect(db.inTransaction).toBe(false);
  });

  it('takes back only a failing batch, and a rollback only the open group', () => {
    const { db, write, inGroup, seen } = setUp();
    const group = new CommitGroup(db, 2, 60_000);
    inGroup(group, 1);
    inGroup(group, 2);
    group.before();
    write(3);
    expect(() => write(4, true)).toThrow(/batch failed/);
    expect(db.inTransaction).toBe(true);
    expect(db.prepare('SELECT group_concat(batch) FROM t').pluck().get() as string).toBe('1,2,3');
    group.rollback();
    expect(db.inTransaction).toBe(false);
    expect(seen()).toBe('1,2');
  });

  it('commits a group that has been open long enough, however few batches it holds', () => {
    const { db, inGroup, seen } = setUp();
    const group = new CommitGroup(db, 100, 0);
    inGroup(group, 1);
    expect(seen()).toBe('1');
  });
});
