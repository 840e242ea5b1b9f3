import { describe, expect, it } from 'vitest';
import { OccurrenceCounter, WINDOW_KEYS } from '../../../src-main/core/ingest/occurrences.js';
import { BATCH_ROWS } from '../../../src-main/core/ingest/parse-file.js';
import { eventKey, occurrenceKey } from '../../../src-main/core/session-key.js';

const TWO_53 = 2 ** 53;
const xor = (a: number, b: number) => Number(BigInt(a) ^ BigInt(b));

describe('occurrence and event keys', () => {
  const natural = 0x1234_5678_9abc;

  it('keeps the natural key for the first occurrence, so stored sessions need no new key', () => {
    expect(occurrenceKey(natural, 1)).toBe(natural);
  });

  it('gives every occurrence its own 53-bit key, the same whatever the natural key (key ⊕ natural)', () => {
    const seen = new Set<number>();
    let outside = 0;
    for (let n = 1; n <= 200_000; n++) {
      const key = occurrenceKey(natural, n);
      if (!(Number.isSafeInteger(key) && key >= 0 && key < TWO_53)) outside++;
      seen.add(key);
    }
    expect(outside).toBe(0);
    expect(seen.size).toBe(200_000);
    const other = 2 ** 52 + 12_345;
    for (const n of [2, 3, 1000]) {
      expect(xor(occurrenceKey(other, n), other)).toBe(xor(occurrenceKey(natural, n), natural));
    }
    expect(xor(eventKey(other, 'e-1'), other)).toBe(xor(eventKey(natural, 'e-1'), natural));
  });

  it('keys events by their id: another id is another key, and none is an occurrence key', () => {
    const a = eventKey(natural, '37571438196683476468226186234329658495364117385545793536');
    expect(eventKey(natural, '37571438196683476468226186234329658495364117385545793536')).toBe(a);
    expect(eventKey(natural, '37571438196683476468226186234329658495364117385545793537')).not.toBe(a);
    expect(a).not.toBe(natural);
    expect(a).toBeLessThan(TWO_53);
  });
});

describe('OccurrenceCounter', () => {
  it('keeps more keys than a batch holds (the writer relies on it: repeat-keys.ts)', () => {
    expect(WINDOW_KEYS).toBeGreaterThan(BATCH_ROWS);
  });

  it('counts each natural key on its own (the natural key hashes the start too)', () => {
    const counter = new OccurrenceCounter(8);
    expect([1, 1, 2, 2, 1].map((k) => counter.next(1000, k))).toEqual([1, 2, 1, 2, 3]);
    expect(counter.next(1001, 3)).toBe(1); // a later start: nothing before it can be the same
    expect(counter.next(1001, 3)).toBe(2);
  });

  it('finds earlier copies of a row whose start is not the latest (a file out of time order)', () => {
    const counter = new OccurrenceCounter(8);
    counter.next(1000, 7);
    counter.next(2000, 8);
    expect(counter.next(1000, 7)).toBe(2);
  });

  it('counts exactly across a generation change: a key seen in either generation moves to the newer', () => {
    const counter = new OccurrenceCounter(4);
    counter.next(0, 100);
    for (let k = 1; k <= 3; k++) counter.next(k, k); // the newer generation fills: it becomes the older
    expect(counter.next(0, 100)).toBe(2); // found in the older one
    for (let k = 4; k <= 7; k++) counter.next(k, k); // rotates again: key 100 had moved, so it stays
    expect(counter.next(0, 100)).toBe(3);
  });

  it('marks a key that may have left the window uncertain, and every later copy of it', () => {
    const counter = new OccurrenceCounter(4);
    expect(counter.next(0, 100)).toBe(1);
    for (let k = 1; k <= 8; k++) counter.next(10 + k, k); // two rotations: key 100 has left
    // Not after every start that left, and the filter has it: its count (1 again) may be too low.
    expect(counter.next(0, 100)).toBe(-1);
    expect(counter.next(0, 100)).toBe(-2);
    // A new key with a start after all that left cannot have been seen: certain.
    expect(counter.next(1000, 555)).toBe(1);
  });

  it('does not suspect keys never seen when the log runs in time order', () => {
    const counter = new OccurrenceCounter(16);
    let suspected = 0;
    for (let i = 0; i < 10_000; i++) if (counter.next(i * 10, i * 7919 + 1) < 0) suspected++;
    expect(suspected).toBe(0);
  });
});
