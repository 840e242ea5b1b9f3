import { describe, expect, it } from 'vitest';
import { StringCodes } from '../../../src-main/core/ingest/string-codes.js';

describe('StringCodes', () => {
  it('gives batch-local codes in first-use order and ids that outlive the batch', () => {
    const codes = new StringCodes();
    expect([codes.code('a'), codes.code('b'), codes.code('a')]).toEqual([0, 1, 0]);
    codes.code('b');
    const idOfB = codes.lastId;
    expect(codes.takeBatch()).toEqual(['a', 'b']);
    // Next batch: local codes start again, ids stay.
    expect(codes.code('b')).toBe(0);
    expect(codes.lastId).toBe(idOfB);
    expect(codes.code('c')).toBe(1);
    expect(codes.takeBatch()).toEqual(['b', 'c']);
    expect(codes.epoch).toBe(0);
  });

  it('starts over past its bounds, announcing it by a new epoch', () => {
    const byCount = new StringCodes(3, 1_000);
    for (const value of ['a', 'b', 'c', 'd']) byCount.code(value);
    byCount.takeBatch();
    expect(byCount.epoch).toBe(1);
    expect(byCount.code('z')).toBe(0);
    expect(byCount.lastId).toBe(0);

    const byChars = new StringCodes(1_000, 10);
    byChars.code('x'.repeat(11));
    byChars.takeBatch();
    expect(byChars.epoch).toBe(1);
  });

  it('codes thousands of strings across growth without mixing them up', () => {
    const codes = new StringCodes();
    const ids = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const value = `10.0.${i >> 8}.${i & 255}`;
      expect(codes.code(value)).toBe(i);
      ids.set(value, codes.lastId);
    }
    const dict = codes.takeBatch();
    expect(dict).toHaveLength(20_000);
    for (const [value, id] of ids) {
      codes.code(value);
      expect(codes.lastId).toBe(id);
    }
  });

  it('keeps a dictionary per column: a text has an id in each column it is coded in', () => {
    const codes = new StringCodes();
    codes.code('GET', 0);
    const inFirst = codes.lastId;
    expect(codes.code('GET', 3)).toBe(1);
    const inFourth = codes.lastId;
    expect(inFourth).not.toBe(inFirst);
    codes.takeBatch();
    codes.code('GET', 3);
    expect(codes.lastId).toBe(inFourth);
    expect(codes.lastWasNew).toBe(false);
  });

  it('forgets one column’s dictionary, keeping the others', () => {
    const codes = new StringCodes();
    codes.code('q=1', 1);
    const before = codes.lastId;
    codes.code('GET', 0);
    const get = codes.lastId;
    codes.takeBatch();
    codes.forget(1);
    codes.code('q=1', 1);
    expect(codes.lastWasNew).toBe(true);
    expect(codes.lastId).not.toBe(before);
    codes.code('GET', 0);
    expect(codes.lastId).toBe(get);
  });
});
