// The rule-hit features of one session and of its source's window: counts per level, and the
// source's sessions with a hit over the window ending at the session (never later ones).
import { describe, expect, it } from 'vitest';
import {
  RULE_HIT_COUNT,
  RULE_HIT_FEATURES,
  RuleHitWindows,
  writeRuleHitFeatures,
} from '../../../src-main/core/features/rule-hit-columns.js';

function features(levels: string | null, window: number): Record<string, number> {
  const out = new Float32Array(RULE_HIT_COUNT);
  writeRuleHitFeatures(levels, window, out, 0);
  return Object.fromEntries(RULE_HIT_FEATURES.map((name, i) => [name, out[i] ?? Number.NaN]));
}

describe('rule-hit features', () => {
  it('count the hits per level (log1p), one digit per hit', () => {
    const f = features('3340', 2);
    expect(f.rule_hits_informational).toBeCloseTo(Math.log1p(1));
    expect(f.rule_hits_low).toBe(0);
    expect(f.rule_hits_medium).toBe(0);
    expect(f.rule_hits_high).toBeCloseTo(Math.log1p(2));
    expect(f.rule_hits_critical).toBeCloseTo(Math.log1p(1));
    expect(f.src_window_rule_hit_sessions).toBeCloseTo(Math.log1p(2));
  });

  it('are all zero for a session without a hit from a source without one', () => {
    expect(Object.values(features(null, 0))).toEqual(new Array(RULE_HIT_COUNT).fill(0));
  });
});

describe('rule-hit windows', () => {
  it('count a source’s sessions with a hit in the window, this one included', () => {
    const w = new RuleHitWindows(1000);
    expect(w.push('a', 0, false)).toBe(0);
    expect(w.push('a', 100, true)).toBe(1);
    expect(w.push('b', 150, true)).toBe(1);
    expect(w.push('a', 200, false)).toBe(1);
    expect(w.push('a', 300, true)).toBe(2);
    // 1100: the hit at 100 has left the window (it ends 1000 ms back, exclusive).
    expect(w.push('a', 1100, false)).toBe(1);
    expect(w.push('a', 1300, false)).toBe(0);
    expect(w.push('b', 1300, false)).toBe(0);
  });

  it('refuses a window that is not a positive time', () => {
    expect(() => new RuleHitWindows(0)).toThrow(RangeError);
  });
});
