import { describe, expect, it } from 'vitest';
import { RowError, timestamp } from '../../../src-main/core/ingest/values.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('timestamp (the YYYY-MM-DDTHH:MM:SSZ fast path)', () => {
  it('agrees with Date.parse on runs of one day, day changes, leap days and years below 100', () => {
    const samples: number[] = [];
    let seed = 11;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    for (let i = 0; i < 2_000; i++) samples.push(Date.UTC(2024, 3, 25) + (next() % 86_400) * 1000);
    for (let i = 0; i < 2_000; i++) samples.push(Date.UTC(1970, 0, 1) + (next() % 3_000_000) * 60_000 * 13);
    for (const text of [
      '2024-02-29T23:59:59Z',
      '0004-02-29T12:00:00Z',
      '0050-06-01T00:00:01Z',
      '0000-02-29T00:00:00Z',
    ])
      samples.push(Date.parse(text));
    for (const ms of samples) expect(timestamp(iso(ms), 'start')).toBe(Date.parse(iso(ms)));
  });

  it('refuses dates that do not exist, also right after a valid day was remembered', () => {
    expect(timestamp('2024-02-29T10:00:00Z', 'start')).toBe(Date.parse('2024-02-29T10:00:00Z'));
    for (const bad of [
      '2023-02-29T10:00:00Z',
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-02-29T24:00:00Z',
      '2024-02-29T10:60:00Z',
    ])
      expect(() => timestamp(bad, 'start'), bad).toThrow(RowError);
    expect(timestamp('2024-02-29T10:00:01Z', 'start')).toBe(Date.parse('2024-02-29T10:00:01Z'));
  });
});
