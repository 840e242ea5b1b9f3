import { describe, expect, it } from 'vitest';
import { SourceWindows } from '../../../src-main/core/features/source-window.js';

const MIN = 60_000;

describe('per-source sliding window', () => {
  it('counts sessions, distinct destinations and ports, and bytes over the last window only', () => {
    const w = new SourceWindows(10 * MIN);
    w.push('a', 0, 'x', 80, 100);
    w.push('b', 1 * MIN, 'y', 22, 5);
    w.push('a', 2 * MIN, 'y', 443, 200);
    const third = w.push('a', 5 * MIN, 'x', 443, 300);
    expect(third).toMatchObject({ sessions: 3, dstIps: 2, dstPorts: 2, bytesOut: 600 });
    // At 11 min the session at 0 has left the window (it ends at the current session).
    expect(w.push('a', 11 * MIN, 'z', 8080, 1)).toMatchObject({
      sessions: 3,
      dstIps: 3,
      dstPorts: 2,
      bytesOut: 501,
    });
    // Source b is untouched by a's traffic.
    expect(w.push('b', 2 * MIN, 'y', 22, 5)).toMatchObject({
      sessions: 2,
      dstIps: 1,
      dstPorts: 1,
      bytesOut: 10,
    });
  });

  it('measures gap regularity: 0 for a metronome, neutral 1 with fewer than two gaps', () => {
    const w = new SourceWindows(60 * MIN);
    expect(w.push('beacon', 0, 'c2', 443, 0).gapCv).toBe(1);
    expect(w.push('beacon', MIN, 'c2', 443, 0).gapCv).toBe(1);
    let last = w.push('beacon', 2 * MIN, 'c2', 443, 0);
    for (let i = 3; i < 20; i++) last = w.push('beacon', i * MIN, 'c2', 443, 0);
    expect(last.gapCv).toBeCloseTo(0, 9);
    // Gaps 1, 3: mean 2, population std 1 → CV 0.5.
    const v = new SourceWindows(60 * MIN);
    v.push('s', 0, null, null, 0);
    v.push('s', MIN, null, null, 0);
    expect(v.push('s', 4 * MIN, null, null, 0).gapCv).toBeCloseTo(0.5, 9);
  });

  it('keeps the gap statistics right as sessions leave the window', () => {
    const w = new SourceWindows(10 * MIN);
    for (const t of [0, 1, 2, 3]) w.push('s', t * MIN, null, null, 0);
    // At 12 min the window (2 min, 12 min] holds 3 and 12: one gap, neutral.
    const v = w.push('s', 12 * MIN, null, null, 0);
    expect(v.sessions).toBe(2);
    expect(v.gapCv).toBe(1);
    const u = w.push('s', 15 * MIN, null, null, 0);
    // Window (5 min, 15 min]: the sessions at 12 and 15.
    expect(u.sessions).toBe(2);
  });

  it('refuses a window that is not positive', () => {
    expect(() => new SourceWindows(0)).toThrow(/positive/);
  });
});
