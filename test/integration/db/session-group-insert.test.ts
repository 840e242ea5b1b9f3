// The ingest writer stores sessions 128 rows per INSERT, each with the id it handed out, and learns
// which rows were duplicates from the statement's change count and, when some were, from each
// row's key. Checked on a real file.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import {
  ALL_INSERT_COLUMNS,
  INSERT_AT,
  prepareSessionGroupInsert,
  SESSION_GROUP_ROWS,
  SESSION_INSERT_WIDTH,
  sessionInsertValues,
} from '../../../src-main/core/db/sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

/** One row's values: key and start decide identity; the line number tells rows apart. */
function row(id: number, key: number, line: number): unknown[] {
  const values = sessionInsertValues({
    id,
    importId: 1,
    keyHash: key,
    startTs: 1_714_000_000_000 + key,
    endTs: 1_714_000_060_000 + key,
    srcIp: `10.0.0.${key % 250}`,
    dstIp: '10.1.1.1',
    dstPort: 443,
    protocol: 'HTTPS',
    bytesIn: 100,
    bytesOut: 200,
    responseCode: 200,
    country: 'US',
    detectionType: 'waf_rule',
    label: 'benign',
    rawLine: line,
  });
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
  it('stores a group of new rows under the ids they bring', () => {
    const { db, insert } = setUp();
    const ids = new Float64Array(32);
    const stored = insert(
      [1, 2, 3, 4, 5].flatMap((k) => row(100 + k, k, k + 1)),
      5,
      ids,
    );
    expect(stored).toBe(5);
    expect(Array.from(ids.subarray(0, 5))).toEqual([101, 102, 103, 104, 105]);
    expect([101, 102, 103, 104, 105].map((id) => lineOf(db, id))).toEqual([2, 3, 4, 5, 6]);
    db.close();
  });

  it('refuses a row whose id is taken instead of counting it as a duplicate', () => {
    const { db, insert } = setUp();
    const ids = new Float64Array(32);
    insert(row(7, 1, 1), 1, ids);
    expect(() => insert([row(8, 2, 2), row(7, 3, 3)].flat(), 2, ids)).toThrow(/Session id 7 is taken/);
    db.close();
  });

  it('marks duplicates of stored rows and repeats inside the group with 0, and only those', () => {
    const { db, insert } = setUp();
    const ids = new Float64Array(32);
    insert(
      [1, 2, 3].flatMap((k) => row(k, k, k)),
      3,
      ids,
    );
    // Stored key 2, new key 7, key 7 again, stored key 3, new key 8.
    const group = [row(4, 2, 20), row(5, 7, 21), row(6, 7, 22), row(7, 3, 23), row(8, 8, 24)].flat();
    const stored = insert(group, 5, ids);
    expect(stored).toBe(2);
    expect(Array.from(ids.subarray(0, 5))).toEqual([0, 5, 0, 0, 8]);
    expect(lineOf(db, 5)).toBe(21);
    expect(lineOf(db, 8)).toBe(24);
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 5 });
    // All duplicates: nothing stored, every id 0.
    expect(insert([row(9, 7, 30), row(10, 1, 31)].flat(), 2, ids)).toBe(0);
    expect(Array.from(ids.subarray(0, 2))).toEqual([0, 0]);
    db.close();
  });

  it("stores a batch's last rows, fewer than a group, with every id", () => {
    const { db, insert } = setUp();
    const ids = new Float64Array(SESSION_GROUP_ROWS);
    const rows = 77;
    const keys = Array.from({ length: rows }, (_, k) => k + 1);
    expect(
      insert(
        keys.flatMap((k) => row(1000 + k, k, k)),
        rows,
        ids,
      ),
    ).toBe(rows);
    expect(Array.from(ids.subarray(0, rows))).toEqual(keys.map((k) => 1000 + k));
    expect(keys.map((k) => lineOf(db, 1000 + k))).toEqual(keys);
    // A duplicate in the middle of those runs is marked where it is.
    const again = [row(2001, 90, 1), row(2002, 40, 2), row(2003, 91, 3)].flat();
    expect(insert(again, 3, ids)).toBe(2);
    expect(Array.from(ids.subarray(0, 3))).toEqual([2001, 0, 2003]);
    db.close();
  });

  it('leaves out the columns no row holds and stores them as NULL', () => {
    const { db, insert } = setUp();
    // Asked for none of the optional columns, a statement still names the import's own and start_ts.
    const least = insert.columnsFor(0);
    for (const at of [INSERT_AT.id, INSERT_AT.importId, INSERT_AT.keyHash, INSERT_AT.rawLine])
      expect(least.list).toContain(at);
    expect(least.width).toBeLessThan(SESSION_INSERT_WIDTH);
    // A row without its destination address and country (the only columns holding these values).
    const full = row(5, 5, 9);
    const left = [full.indexOf('10.1.1.1'), full.indexOf('US')];
    const columns = insert.columnsFor(ALL_INSERT_COLUMNS - 2 ** left[0]! - 2 ** left[1]!);
    expect(columns.width).toBe(SESSION_INSERT_WIDTH - 2);
    const ids = new Float64Array(SESSION_GROUP_ROWS);
    expect(
      insert(
        columns.list.map((i) => full[i]),
        1,
        ids,
        columns,
      ),
    ).toBe(1);
    expect(ids[0]).toBe(5);
    const stored = db
      .prepare('SELECT country, dst_ip, src_ip, dst_port, raw_line FROM sessions WHERE id = 5')
      .get();
    expect(stored).toEqual({ country: null, dst_ip: null, src_ip: '10.0.0.5', dst_port: 443, raw_line: 9 });
    db.close();
  });
});
