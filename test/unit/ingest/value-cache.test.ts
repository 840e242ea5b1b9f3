import { describe, expect, it } from 'vitest';
import { hashOf, NOT_CACHED, ValueCache } from '../../../src-main/core/ingest/value-cache.js';

/** Looks ASCII `value` up as a field in the middle of a line's bytes, as the CSV fast lane does. */
function find<T>(cache: ValueCache<T>, value: string, padding = 'ab,'): number {
  const line = Buffer.from(`${padding}${value},zz`, 'latin1');
  return cache.find(line, padding.length, padding.length + value.length);
}

describe('ValueCache', () => {
  it('normalizes each distinct value once and finds it again at any place in any line', () => {
    const seen: string[] = [];
    const cache = new ValueCache((raw) => {
      seen.push(raw);
      return raw.toUpperCase();
    });
    const values = Array.from({ length: 5000 }, (_, i) => `v${i % 2500}-${(i * 7) % 13}`);
    const slots = new Map<string, number>();
    for (const [k, value] of values.entries()) {
      const slot = find(cache, value, 'x'.repeat(k % 5));
      if (slots.has(value)) expect(slot).toBe(slots.get(value));
      slots.set(value, slot);
      expect(cache.value(slot)).toBe(value.toUpperCase());
    }
    expect(seen.sort()).toEqual([...new Set(values)].sort());
    // Prefixes and extensions of a known value are other values.
    expect(cache.value(find(cache, 'v1'))).toBe('V1');
    expect(cache.value(find(cache, 'v1-7x'))).toBe('V1-7X');
    expect(find(cache, '')).not.toBe(find(cache, 'v1'));
  });

  it('answers NOT_CACHED for a value that failed to normalize, every time, without trying again', () => {
    let calls = 0;
    const cache = new ValueCache((raw) => {
      calls++;
      if (raw === 'bad') throw new Error('no');
      return raw;
    });
    expect(find(cache, 'bad')).toBe(NOT_CACHED);
    expect(find(cache, 'good')).toBeGreaterThanOrEqual(0);
    expect(find(cache, 'bad', '')).toBe(NOT_CACHED);
    expect(calls).toBe(2);
  });

  it('starts over past its bounds, announcing it by a new epoch', () => {
    const byCount = new ValueCache((raw) => raw, 3, 1_000);
    for (const value of ['a', 'b', 'c']) find(byCount, value);
    expect(byCount.epoch).toBe(0);
    const slot = find(byCount, 'd');
    expect(byCount.epoch).toBe(1);
    expect(slot).toBe(0);
    expect(byCount.value(find(byCount, 'a'))).toBe('a');

    const byBytes = new ValueCache((raw) => raw, 1_000, 10);
    find(byBytes, 'x'.repeat(8));
    find(byBytes, 'yyy');
    expect(byBytes.epoch).toBe(1);
    // A value bigger than the whole budget is not kept at all.
    expect(find(byBytes, 'z'.repeat(11))).toBe(NOT_CACHED);
    expect(byBytes.value(find(byBytes, 'yyy'))).toBe('yyy');
  });
});

describe('ValueCache under crafted input', () => {
  it('refuses values that all land on one index place once the probe bound is reached', () => {
    // The cache's hash, and its place in the first index (2 048 places).
    const place = (value: string) => {
      const h = hashOf(Buffer.from(value, 'latin1'), 0, value.length);
      return (h ^ (h >>> 15)) & 2047;
    };
    const crowd: string[] = [];
    for (let i = 0; crowd.length < 200; i++) if (place(`c${i}`) === 7) crowd.push(`c${i}`);
    const cache = new ValueCache((raw) => raw);
    const slots = crowd.map((value) => find(cache, value));
    const kept = slots.filter((slot) => slot !== NOT_CACHED);
    // The first values fill the run of places from 7 on; later ones give up at the bound.
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(crowd.length);
    crowd.forEach((value, k) => {
      if (slots[k] !== NOT_CACHED) expect(cache.value(find(cache, value))).toBe(value);
      else expect(find(cache, value)).toBe(NOT_CACHED);
    });
  });
});

describe('ValueCache passing values through', () => {
  it('stops caching a column of mostly new values, gives the same values, and caches again later', () => {
    let calls = 0;
    const cache = new ValueCache(
      (raw) => {
        calls++;
        if (raw.endsWith('!')) throw new Error('no');
        return raw.toUpperCase();
      },
      64,
      1_000_000,
      true,
    );
    // Far more distinct values than the cache holds: it fills, then passes them through.
    for (let i = 0; i < 1_000; i++) expect(cache.value(find(cache, `c${i}`))).toBe(`C${i}`);
    // Passing through, a value seen just before is normalized again (nothing is kept).
    const before = calls;
    expect(cache.value(find(cache, 'c999'))).toBe('C999');
    expect(cache.value(find(cache, 'c5'))).toBe('C5');
    expect(cache.value(find(cache, 'c5', 'xy'))).toBe('C5');
    expect(calls).toBeGreaterThan(before + 1);
    expect(find(cache, 'bad!')).toBe(NOT_CACHED);
    // After enough lookups it caches again: repeated values are then normalized once.
    for (let i = 0; i < 300_000; i++) find(cache, `r${i % 2}`);
    const again = calls;
    for (let i = 0; i < 10; i++) expect(cache.value(find(cache, `r${i % 2}`))).toBe(`R${i % 2}`);
    expect(calls).toBe(again);
  });

  it('keeps caching a column that repeats, however many lookups', () => {
    let calls = 0;
    const cache = new ValueCache((raw) => ++calls && raw, 64, 1_000_000, true);
    for (let i = 0; i < 100_000; i++) find(cache, `v${i % 50}`);
    expect(calls).toBe(50);
  });
});
