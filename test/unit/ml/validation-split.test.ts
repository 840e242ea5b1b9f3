// The validation slice a classifier's threshold is chosen on, by time: the training side's later
// stretch, never a held-out row, and none at all when the side's attacks are one burst.
import { describe, expect, it } from 'vitest';
import type { RawData } from '../../../src-main/core/features/index.js';
import { type SplitInput, splitRows } from '../../../src-main/core/ml/evaluate/index.js';
import { validationSplit } from '../../../src-main/core/ml/train/validation.js';

const HOUR = 3_600_000;

/** 100 hours of traffic, 40 rows an hour from 50 sources; malicious within `attackHours`. */
function campaigns(attackHours: number[]): SplitInput {
  const rows = 4000;
  const startTs = Float64Array.from({ length: rows }, (_, r) => Math.floor((r * 100 * HOUR) / rows));
  const sourceKey = Int32Array.from({ length: rows }, (_, r) => r % 50);
  const label = Uint8Array.from(startTs, (t) => (attackHours.includes(Math.floor(t / HOUR)) ? 1 : 0));
  return { rows, startTs, sourceKey, label };
}

const inner = (input: SplitInput) => {
  const outer = splitRows(input, 'time', { seed: 1, gapMs: HOUR });
  return { outer, inner: validationSplit(input as RawData, outer, { seed: 1, gapMs: HOUR }) };
};
const attacks = (input: SplitInput, rows: Int32Array) => Array.from(rows).filter((r) => input.label[r] === 1);
const times = (input: SplitInput, rows: Int32Array) => Array.from(rows, (r) => input.startTs[r]!);

describe('the validation slice of a time split', () => {
  it('starts among the attacks when they all came before the training side’s last quarter', () => {
    // Campaigns at hours 10 and 40, and one at 90 on the test side: the training side runs to
    // hour 74, its last quarter of rows (from hour 56) holds no attack.
    const input = campaigns([10, 40, 90]);
    const { outer, inner: slice } = inner(input);
    expect(slice).not.toBeNull();
    const { train: fit, test: validation } = slice!;
    // Only training rows: no held-out row (nor one of the outer gap) is fitted on or validates.
    const training = new Set(outer.train);
    for (const r of [...fit, ...validation]) expect(training.has(r)).toBe(true);
    // Later traffic than the fitted rows, by at least the gap, with attacks on both sides.
    expect(Math.min(...times(input, validation)) - Math.max(...times(input, fit))).toBeGreaterThan(HOUR);
    expect(attacks(input, fit).length).toBe(40);
    expect(attacks(input, validation).length).toBeGreaterThan(0);
  });

  it('is none when the training side’s attacks are one burst: the run keeps its untuned default', () => {
    expect(inner(campaigns([10, 90])).inner).toBeNull();
  });

  it('is the training side’s last quarter of rows when that holds attacks, as before', () => {
    const input = campaigns([10, 40, 65, 90]);
    const { outer, inner: slice } = inner(input);
    const cut = Math.min(...times(input, slice!.test));
    const training = times(input, outer.train);
    expect(cut).toBe(training[Math.floor(training.length * 0.75)]);
  });
});
