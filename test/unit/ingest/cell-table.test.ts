import { describe, expect, it } from 'vitest';
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
});
