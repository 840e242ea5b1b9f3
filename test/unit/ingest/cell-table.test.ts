import { describe, expect, it } from 'vitest';
import { ArrayPool } from '../../../src-main/core/ingest/array-pool.js';
import { CellTable } from '../../../src-main/core/ingest/cell-table.js';

/** Adds `amount` to the cell of `key` (a tuple) and returns its slot. */
function add(table: CellTable, key: number[], amount: number): number {
  table.key.set(key);
  const slot = table.find();
  table.values[slot * table.valueWidth]! += amount;
  return slot;
}

describe('CellTable', () => {
  it('sums like a Map of tuple keys, through growth, for keys past 32 bits and negative', () => {
    const table = new CellTable(3, 1, 4);
    const expected = new Map<string, number>();
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let i = 0; i < 50_000; i++) {
      // Few distinct values per position so keys repeat; high and negative values exercise both hash halves.
      const key = [(next() % 300) * 2 ** 40, -(next() % 7), next() % 5];
      const amount = next() % 100;
      add(table, key, amount);
      expected.set(key.join('|'), (expected.get(key.join('|')) ?? 0) + amount);
    }
    expect(table.size).toBe(expected.size);
    const actual = new Map<string, number>();
    for (let slot = 0; slot < table.size; slot++)
      actual.set(Array.from(table.keys.subarray(slot * 3, slot * 3 + 3)).join('|'), table.values[slot]!);
    expect(actual).toEqual(expected);
  });

  it('tells keys apart that differ only in the high 32 bits, and keeps slots stable', () => {
    const table = new CellTable(1, 1, 2);
    const low = add(table, [5], 1);
    const high = add(table, [5 + 4_294_967_296], 1);
    expect(high).not.toBe(low);
    for (let i = 0; i < 100; i++) add(table, [i * 1000 + 17], 1);
    expect(add(table, [5], 1)).toBe(low);
    expect(table.values[low]).toBe(2);
  });

  it('starts empty after clear, with zeroed sums', () => {
    const table = new CellTable(2, 2);
    add(table, [1, 2], 5);
    table.clear();
    expect(table.size).toBe(0);
    const slot = add(table, [3, 4], 0);
    expect(slot).toBe(0);
    expect(Array.from(table.values.subarray(0, 2))).toEqual([0, 0]);
  });

  it('rebuilds from a snapshot (as another thread does) with the same cells, and grows from there', () => {
    const table = new CellTable(2, 1, 4);
    for (let i = 0; i < 300; i++) add(table, [i % 50, i % 7], 1);
    const copy = CellTable.fromState(structuredClone(table.snapshot(new ArrayPool())));
    expect(copy.size).toBe(table.size);
    for (let slot = 0; slot < table.size; slot++) {
      const key = Array.from(table.keys.subarray(slot * 2, slot * 2 + 2));
      expect(add(copy, key, 0)).toBe(slot);
      expect(copy.values[slot]).toBe(table.values[slot]);
    }
    for (let i = 0; i < 1000; i++) add(copy, [1000 + i, 0], 1);
    expect(copy.size).toBe(table.size + 1000);
    // The snapshot was a copy: the original is untouched.
    expect(add(table, [1000, 0], 0)).toBe(table.size - 1);

    const empty = CellTable.fromState(new CellTable(3, 2).snapshot(new ArrayPool()));
    expect(add(empty, [1, 2, 3], 4)).toBe(0);
    expect(add(empty, [1, 2, 3], 4)).toBe(0);
    expect(empty.values[0]).toBe(8);
  });
});
