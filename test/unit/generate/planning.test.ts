import { describe, expect, it } from 'vitest';
import { apportion } from '../../../src-main/core/generate/apportion.js';
import { campaignSizes } from '../../../src-main/core/generate/attack-plan.js';
import { INJECTORS, nightWindows } from '../../../src-main/core/generate/attacks.js';
import { benignIntensity, localActivity } from '../../../src-main/core/generate/benign.js';
import { Rng } from '../../../src-main/core/generate/rng.js';
import { planSlices } from '../../../src-main/core/generate/timeline.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2024, 3, 25); // a Thursday

describe('apportion', () => {
  it('splits exactly, in proportion', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([3, 4, 3]);
    expect(apportion(0, [0.25, 0.75])).toEqual([0, 0]);
    const shares = apportion(1_000_003, [0.25, 0.25, 0.1, 0.25, 0.15]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1_000_003);
    expect(shares[2]).toBe(100_000);
  });
});

describe('campaign sizes', () => {
  it('add up to the budget and stay under each kind’s maximum for the range', () => {
    const rng = new Rng(5);
    for (const injector of INJECTORS) {
      for (const [budget, period] of [
        [1, 7 * DAY],
        [75, 7 * DAY],
        [75_000, 7 * DAY],
        [250_000, DAY],
      ] as const) {
        const sizes = campaignSizes(budget, injector, period, rng);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(budget);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(injector.maxRows(period));
      }
    }
  });
});

describe('time plan', () => {
  it('covers the range with contiguous slices that hold every benign row', () => {
    const slices = planSlices(123_457, START, START + 7 * DAY);
    expect(slices[0]!.from).toBe(START);
    expect(slices.at(-1)!.to).toBe(START + 7 * DAY);
    for (let i = 1; i < slices.length; i++) expect(slices[i]!.from).toBe(slices[i - 1]!.to);
    expect(slices.reduce((a, s) => a + s.benignRows, 0)).toBe(123_457);
  });

  it('follows people’s days: busier in the afternoon than at night, quieter at weekends', () => {
    expect(localActivity(START + 14 * HOUR, 0)).toBeGreaterThan(5 * localActivity(START + 3 * HOUR, 0));
    const saturday = START + 2 * DAY;
    expect(localActivity(saturday + 14 * HOUR, 0)).toBeLessThan(0.7 * localActivity(START + 14 * HOUR, 0));
    // Same UTC moment, other side of the world: the local hour is what counts.
    expect(localActivity(START + 4 * HOUR, 10)).toBeGreaterThan(localActivity(START + 4 * HOUR, -6));
    expect(benignIntensity(START + 15 * HOUR)).toBeGreaterThan(benignIntensity(START + 6 * HOUR));
  });

  it('finds the 01:00-05:00 UTC windows of a range, clipped to it', () => {
    expect(nightWindows(START + 3 * HOUR, START + DAY + 3 * HOUR)).toEqual([
      [START + 3 * HOUR, START + 5 * HOUR],
      [START + DAY + HOUR, START + DAY + 3 * HOUR],
    ]);
    expect(nightWindows(START + 6 * HOUR, START + DAY)).toEqual([]);
  });
});
