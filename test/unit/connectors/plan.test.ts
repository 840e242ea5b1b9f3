import { describe, expect, it } from 'vitest';
import { planSegments, selectorOf } from '../../../src-main/core/connectors/cloudwatch-logs/plan.js';
import { parseDuration, resolveRange } from '../../../src-main/core/connectors/cloudwatch-logs/time-range.js';

const NOW = 1_700_000_000_000;
const H = 3_600_000;

describe('time range of a pull', () => {
  it('parses durations', () => {
    expect(['500ms', '90s', '30m', '24h', '7d', '2w'].map(parseDuration)).toEqual([
      500, 90_000, 1_800_000, 86_400_000, 604_800_000, 1_209_600_000,
    ]);
    expect(() => parseDuration('1 day')).toThrow(/not a duration/);
  });

  it('defaults to the last 24 h; since, from and to move it', () => {
    expect(resolveRange({}, null, NOW)).toEqual({ start: NOW - 24 * H, end: NOW });
    expect(resolveRange({ since: '2h', to: NOW - H }, null, NOW)).toEqual({
      start: NOW - 3 * H,
      end: NOW - H,
    });
    expect(resolveRange({ from: NOW - 5 * H }, null, NOW)).toEqual({ start: NOW - 5 * H, end: NOW });
  });

  it('"new only" starts at the last pulled event minus the overlap (10 min unless given); first time, since/from', () => {
    expect(resolveRange({ newOnly: true }, NOW - H, NOW)).toEqual({ start: NOW - H - 600_000, end: NOW });
    expect(resolveRange({ newOnly: true, overlap: '0s' }, NOW - H, NOW)).toEqual({
      start: NOW - H,
      end: NOW,
    });
    expect(resolveRange({ newOnly: true, since: '1h' }, null, NOW)).toEqual({ start: NOW - H, end: NOW });
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => resolveRange({ from: NOW, to: NOW - 1 }, null, NOW)).toThrow(/^Nothing to pull/);
  });
});

describe('segments of a pull', () => {
  const base = { logGroup: 'g' };
  const spec = (startTime: number, endTime: number) => ({ ...base, startTime, endTime });

  it('one request for the asked range when nothing is pending', () => {
    expect(planSegments(base, { start: 10, end: 20 }, null)).toEqual({
      segments: [{ spec: spec(10, 20), token: null, resumed: false }],
      abandoned: null,
    });
  });

  it('an overlapping interrupted pull is finished first from its token, then the uncovered parts', () => {
    const plan = planSegments(base, { start: 0, end: 100 }, { spec: spec(20, 60), token: 'T' });
    expect(plan.segments).toEqual([
      { spec: spec(20, 60), token: 'T', resumed: true },
      { spec: spec(0, 20), token: null, resumed: false },
      { spec: spec(60, 100), token: null, resumed: false },
    ]);
  });

  it('a pending pull inside the asked range needs nothing else; a disjoint one is given up', () => {
    expect(planSegments(base, { start: 20, end: 60 }, { spec: spec(0, 100), token: null }).segments).toEqual([
      { spec: spec(0, 100), token: null, resumed: true },
    ]);
    const plan = planSegments(base, { start: 200, end: 300 }, { spec: spec(0, 100), token: 'T' });
    expect(plan).toEqual({
      segments: [{ spec: spec(200, 300), token: null, resumed: false }],
      abandoned: spec(0, 100),
    });
  });

  it('names selections stably: the whole group is "", stream order does not matter', () => {
    expect(selectorOf({})).toBe('');
    expect(selectorOf({ streams: ['b', 'a'] })).toBe(selectorOf({ streams: ['a', 'b', 'a'] }));
    expect(selectorOf({ filterPattern: 'REJECT' })).not.toBe(selectorOf({ filterPattern: 'ACCEPT' }));
  });
});
