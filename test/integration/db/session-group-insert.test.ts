// The ingest writer stores sessions 32 rows per INSERT and learns which rows were duplicates from
// the statement's change count and, when some were, from each row's key. Checked on a real file.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { prepareSessionGroupInsert, SESSION_INSERT_WIDTH } from '../../../src-main/core/db/sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

/** One row's values: key and start decide identity; the line number tells rows apart. */
function row(key: number, line: number): unknown[] {
  const values: unknown[] = [1, key, 1_714_000_000_000 + key, 1_714_000_060_000 + key, `10.0.0.${key % 250}`];
  values.push(
    '10.1.1.1',
    null,
    443,
    'HTTPS',
    100,
    200,
    null,
    200,
    'US',
    null,
    null,
    'waf_rule',
    null,
    'benign',
  );
  values.push(line, null);
  expect(values).toHaveLength(SESSION_INSERT_WIDTH);
  return values;
}

function setUp(): { db: Db; insert: ReturnType<typeof prepareSessionGroupInsert> } {
  const db = openDatabase(path.join(tempDir(), 'g.db'));
  db.prepare(
    `INSERT INTO imports (id, file, file_name, format, size_bytes, quick_hash, status, started_at)
     VALUES (1, 'f', 'f', 'cloudwatch-csv', 0, 'x', 'running', 0)`,
  ).run();
  return { db, insert: prepareSessionGroupInsert(db) };
}

const lineOf = (db: Db, id: number) =>
  (db.prepare('SELECT raw_line AS line FROM sessions WHERE id = ?').get(id) as { line: number }).line;

describe('prepareSessionGroupInsert', () => {
  it('gives a group of new rows consecutive ids in row order', () => {
    const { db, insert } = setUp();
    const ids = new Float64Array(32);
    const stored = insert(
      [1, 2, 3, 4, 5].flatMap((k) => row(k, k + 1)),
      5,
      ids,
    );
    expect(stored).toBe(5);
    expect(Array.from(ids.subarray(0, 5))).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map((id) => lineOf(db, id))).toEqual([2, 3, 4, 5, 6]);
    db.close();
  });

  it('marks duplicates of stored rows and repeats inside the group with 0, and only those', () => {
    const { db, insert } = setUp();
    const ids = new Float64Array(32);
    insert(
      [1, 2, 3].flatMap((k) => row(k, k)),
      3,
      ids,
    );
    // Stored key 2, new key 7, key 7 again, stored key 3, new key 8.
    const group = [row(2, 20), row(7, 21), row(7, 22), row(3, 23), row(8, 24)].flat();
    const stored = insert(group, 5, ids);
    expect(stored).toBe(2);
    expect(Array.from(ids.subarray(0, 5))).toEqual([0, 4, 0, 0, 5]);
    expect(lineOf(db, 4)).toBe(21);
    expect(lineOf(db, 5)).toBe(24);
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 5 });
    // All duplicates: nothing stored, every id 0 (lastInsertRowid is stale then and must not be used).
    expect(insert([row(7, 30), row(1, 31)].flat(), 2, ids)).toBe(0);
    expect(Array.from(ids.subarray(0, 2))).toEqual([0, 0]);
    db.close();
  });
});
