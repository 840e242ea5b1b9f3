import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsAggregate } from '../../../src-main/core/db/js-aggregate.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let db: Db;

// Sums per key, and the keys in the order rows came: a state no SQL value could carry.
class Tally {
  readonly sums = new Map<string, number>();
  constructor(readonly label = 'fresh') {}
  static add(tally: Tally, key: string, value: number): Tally {
    tally.sums.set(key, (tally.sums.get(key) ?? 0) + value);
    return tally;
  }
}
const tallies = jsAggregate('test_tally', () => new Tally(), Tally.add);

beforeAll(() => {
  db = openDatabase(path.join(tempDir(), 'agg.db'));
  db.exec('CREATE TABLE t (k TEXT, v INTEGER)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  for (let i = 0; i < 1000; i++) insert.run(`k${i % 7}`, i);
});
afterAll(() => db.close());

describe('a JS aggregate over SQL rows', () => {
  it('sums every row into the JS state, as GROUP BY does', () => {
    const tally = tallies.read(db, 'SELECT test_tally(k, v) FROM t WHERE v >= @min', { min: 10 });
    const truth = db.prepare('SELECT k, sum(v) AS s FROM t WHERE v >= 10 GROUP BY k').raw().all();
    expect([...tally.sums].sort()).toEqual(truth.sort());
  });

  it('starts from the state given, and gives it back when no row matches', () => {
    const given = new Tally('given');
    expect(tallies.read(db, 'SELECT test_tally(k, v) FROM t WHERE v < 0', {}, given)).toBe(given);
    const empty = tallies.read(db, 'SELECT test_tally(k, v) FROM t WHERE v < 0', {});
    expect(empty.label).toBe('fresh');
    expect(empty.sums.size).toBe(0);
    expect(tallies.read(db, 'SELECT test_tally(k, v) FROM t', {}, given).sums.get('k0')).toBeGreaterThan(0);
  });

  it('a failing query throws and leaves nothing behind for the next read', () => {
    const given = new Tally('given');
    expect(() => tallies.read(db, 'SELECT test_tally(k, v) FROM missing', {}, given)).toThrow(
      /no such table/,
    );
    const next = tallies.read(db, 'SELECT test_tally(k, v) FROM t WHERE v = 3', {});
    expect(next.label).toBe('fresh');
    expect([...next.sums]).toEqual([['k3', 3]]);
  });
});
