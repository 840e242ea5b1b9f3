import { describe, expect, it } from 'vitest';
import {
  automaticSplit,
  defaultSplit,
  type SplitInput,
  splitRows,
  TrainingRefused,
  trainingSide,
} from '../../../src-main/core/ml/evaluate/index.js';
import { Rng } from '../../../src-main/core/ml/forest/index.js';

const HOUR = 3_600_000;

/** Rows in time order over `hours`, from `sources` IPs; one in eight sources attacks. */
function data(rows: number, sources: number, hours: number, seed = 1): SplitInput {
  const rng = new Rng(seed);
  const startTs = Float64Array.from({ length: rows }, () =>
    Math.floor(rng.nextFloat() * hours * HOUR),
  ).sort();
  const sourceKey = Int32Array.from({ length: rows }, () => rng.below(sources));
  const label = Uint8Array.from(sourceKey, (k) => (k % 8 === 0 ? 1 : 0));
  return { rows, startTs, sourceKey, label };
}

const seen = (input: SplitInput, rows: Int32Array) => new Set(Array.from(rows, (r) => input.sourceKey[r]));
const positives = (input: SplitInput, rows: Int32Array) =>
  Array.from(rows).reduce((n, r) => n + input.label[r]!, 0);

describe('splits', () => {
  it('by source IP: no source is on both sides, and both sides have both classes', () => {
    const input = data(5000, 300, 12);
    const split = splitRows(input, 'ip', { seed: 3, gapMs: HOUR });
    const train = seen(input, split.train);
    for (const key of seen(input, split.test)) expect(train.has(key)).toBe(false);
    expect(split.train.length + split.test.length).toBe(5000);
    expect(split.test.length / 5000).toBeGreaterThan(0.15);
    expect(positives(input, split.test)).toBeGreaterThan(0);
    expect(positives(input, split.train)).toBeGreaterThan(0);
  });

  it('by time: every training session is older than every test session by at least the gap', () => {
    const input = data(5000, 300, 72);
    const split = splitRows(input, 'time', { seed: 3, gapMs: HOUR });
    const lastTrain = Math.max(...Array.from(split.train, (r) => input.startTs[r]!));
    const firstTest = Math.min(...Array.from(split.test, (r) => input.startTs[r]!));
    expect(firstTest - lastTrain).toBeGreaterThan(HOUR);
    expect(split.test.length / 5000).toBeCloseTo(0.25, 1);
  });

  it('stratified random: the malicious share is the same on both sides', () => {
    const input = data(4000, 200, 12);
    const split = splitRows(input, 'random', { seed: 3, gapMs: 0 });
    const share = (rows: Int32Array) => positives(input, rows) / rows.length;
    expect(Math.abs(share(split.train) - share(split.test))).toBeLessThan(0.005);
  });

  it('leaves unlabelled rows out of both sides', () => {
    const input = data(2000, 100, 12);
    input.label[0] = 255;
    input.label[1] = 255;
    const split = splitRows(input, 'random', { seed: 1, gapMs: 0 });
    expect(split.train.length + split.test.length).toBe(1998);
    expect([...split.train, ...split.test]).not.toContain(0);
  });

  it('defaults to time when the data spans more than a day, else to source IP', () => {
    expect(defaultSplit(data(100, 10, 30))).toBe('time');
    expect(defaultSplit(data(100, 10, 20))).toBe('ip');
  });

  it('refuses a split that leaves one side without attackers', () => {
    // Every attack comes from one source: grouped by IP, that source is on one side only.
    const input = data(1000, 50, 12);
    input.label.set(Uint8Array.from(input.sourceKey, (k) => (k === 7 ? 1 : 0)));
    expect(() => splitRows(input, 'ip', { seed: 1, gapMs: 0 })).toThrow(TrainingRefused);
    expect(() => splitRows(input, 'ip', { seed: 1, gapMs: 0 })).toThrow(/no malicious sessions/);
  });

  it('when none is asked for, moves on to a split that keeps both classes on both sides, and says so', () => {
    // Three days, the attacks all in the first two: by time, the test side has no attacker.
    const input = data(3000, 200, 72);
    input.label.set(
      Uint8Array.from(input.sourceKey, (k, r) => (k % 8 === 0 && input.startTs[r]! < 48 * HOUR ? 1 : 0)),
    );
    expect(() => splitRows(input, 'time', { seed: 1, gapMs: HOUR })).toThrow(/no malicious sessions/);
    const { split, note } = automaticSplit(input, { seed: 1, gapMs: HOUR });
    expect(split.kind).toBe('ip');
    expect(note).toBe('Automatic split: by time a side had only one class, so the split is by source IP.');
    expect(positives(input, split.test)).toBeGreaterThan(0);
    // Where the first choice works, it is kept without a note.
    expect(automaticSplit(data(3000, 200, 72), { seed: 1, gapMs: HOUR })).toMatchObject({
      split: { kind: 'time' },
      note: null,
    });
  });
});

describe('the training side of a model that learns no labels', () => {
  // Labels on one row in ten (verdicts): the rest are 255, on neither side of the split.
  const sparse = (input: SplitInput): SplitInput => ({
    ...input,
    label: Uint8Array.from(input.label, (y, r) => (r % 10 === 0 ? y : 255)),
  });

  it('adds the unlabelled rows the split would place in training, none of the held-out side', () => {
    const input = sparse(data(5000, 300, 48));
    for (const kind of ['ip', 'time', 'random'] as const) {
      const split = splitRows(input, kind, { seed: 3, gapMs: HOUR });
      const side = trainingSide(input, split, HOUR);
      const rows = new Set(side);
      for (const r of split.train) expect(rows.has(r), kind).toBe(true);
      for (const r of split.test) expect(rows.has(r), kind).toBe(false);
      expect(side.length, kind).toBeGreaterThan(5 * split.train.length);
      if (kind === 'ip') {
        const held = seen(input, split.test);
        for (const r of side) expect(held.has(input.sourceKey[r])).toBe(false);
      }
      if (kind === 'time') {
        const cut = Math.min(...Array.from(split.test, (r) => input.startTs[r]!));
        for (const r of side) expect(input.startTs[r]!).toBeLessThan(cut - HOUR);
      }
    }
  });

  it("is the split's training side when every row is labelled", () => {
    const input = data(3000, 200, 48);
    for (const kind of ['ip', 'time', 'random'] as const) {
      const split = splitRows(input, kind, { seed: 3, gapMs: HOUR });
      expect(Array.from(trainingSide(input, split, HOUR)), kind).toEqual(
        Array.from(split.train).sort((a, b) => a - b),
      );
    }
  });
});
