// Train/test splits that do not leak. By time: the model is tested on later traffic than it saw,
// with a gap of one feature window between the sides so no test row's window reaches into the
// training rows. By source IP: no address is on both sides, so the model cannot recognise an
// attacker it has already met. Stratified random: the easy, leaky-by-neighbour reference.

import type { SplitKind } from '../../../../src-shared/models.js';
import { must } from '../../../../src-shared/must.js';
import { Rng } from '../forest/index.js';
import { TrainingRefused } from './refusal.js';

export interface SplitInput {
  rows: number;
  /** Row times in ascending order (the feature pass emits rows in time order). */
  startTs: Float64Array;
  sourceKey: Int32Array;
  /** 0/1, or 255 for unlabelled rows (left out of both sides). */
  label: Uint8Array;
}

export interface Split {
  kind: SplitKind;
  train: Int32Array;
  test: Int32Array;
}

export const TEST_SHARE = 0.25;
const DAY_MS = 86_400_000;

/** Row `r`'s value in one of the input's columns, which have a value for every row. */
function valueAt(column: Float64Array | Int32Array | Uint8Array, r: number | undefined): number {
  return must(r === undefined ? undefined : column[r], 'a value of a row of the split input');
}

/** By time when the labelled rows span more than a day, else grouped by source IP. */
export function defaultSplit(input: SplitInput): SplitKind {
  const labelled = labelledRows(input);
  if (labelled.length < 2) return 'ip';
  return valueAt(input.startTs, labelled.at(-1)) - valueAt(input.startTs, labelled[0]) > DAY_MS
    ? 'time'
    : 'ip';
}

const SPLIT_NAMES: Record<SplitKind, string> = { time: 'time', ip: 'source IP', random: 'stratified random' };

/**
 * The split a run gets when none is asked for: by time over a day, else by source IP; when that
 * leaves a side without both classes, the next that does not (time, then source IP, then random),
 * with a note saying so. A split the analyst asked for is never swapped (splitRows refuses).
 */
export function automaticSplit(
  input: SplitInput,
  options: { seed: number; gapMs: number },
): { split: Split; note: string | null } {
  const first = defaultSplit(input);
  const kinds: SplitKind[] = first === 'time' ? ['time', 'ip', 'random'] : ['ip', 'random'];
  let refusal: TrainingRefused | null = null;
  for (const kind of kinds) {
    try {
      const split = splitRows(input, kind, options);
      const note = refusal
        ? `Automatic split: by ${SPLIT_NAMES[first]} a side had only one class, so the split is by ${SPLIT_NAMES[kind]}.`
        : null;
      return { split, note };
    } catch (error) {
      if (!(error instanceof TrainingRefused)) throw error;
      refusal ??= error;
    }
  }
  throw must(refusal, 'the refusal of the last split tried');
}

export function splitRows(
  input: SplitInput,
  kind: SplitKind,
  options: { seed: number; gapMs: number },
): Split {
  const rows = labelledRows(input);
  const split =
    kind === 'time'
      ? byTime(input, rows, options.gapMs)
      : kind === 'ip'
        ? byIp(input, rows, options.seed)
        : stratified(input, rows, options.seed);
  checkSides(input, split);
  return split;
}

/**
 * Every row on the split's training side, labelled or not: what a model that learns no labels (the
 * Isolation Forest) fits on. The split places only labelled rows; an unlabelled row goes where the
 * split's own rule would put it, and is left out when that is the test side (or the time split's
 * gap): by time, before the cut less one window; by source IP, a source with no row held out; at
 * random, any row not held out. So no held-out row, and for the IP split no session of a held-out
 * source, shapes the model, and with labels on every row this is `split.train`.
 */
export function trainingSide(input: SplitInput, split: Split, gapMs: number): Int32Array {
  const held = new Uint8Array(input.rows);
  for (const r of split.test) held[r] = 1;
  const inTrain = new Uint8Array(input.rows);
  for (const r of split.train) inTrain[r] = 1;
  let cutTs = Number.POSITIVE_INFINITY;
  const testSources = new Set<number>();
  for (const r of split.test) {
    cutTs = Math.min(cutTs, valueAt(input.startTs, r));
    testSources.add(valueAt(input.sourceKey, r));
  }
  const unlabelledOnTrainingSide = (r: number) =>
    split.kind === 'time'
      ? valueAt(input.startTs, r) < cutTs - gapMs
      : split.kind === 'ip'
        ? !testSources.has(valueAt(input.sourceKey, r))
        : true;
  const out: number[] = [];
  for (let r = 0; r < input.rows; r++) {
    // A labelled row is where the split put it (one in the time split's gap is on neither side).
    if (inTrain[r] || (!held[r] && valueAt(input.label, r) > 1 && unlabelledOnTrainingSide(r))) out.push(r);
  }
  return Int32Array.from(out);
}

function labelledRows(input: SplitInput): Int32Array {
  const out: number[] = [];
  for (let r = 0; r < input.rows; r++) if (valueAt(input.label, r) <= 1) out.push(r);
  return Int32Array.from(out);
}

/**
 * A time split whose cut is the time of the malicious rows' last TEST_SHARE, not of all the rows':
 * the later side holds about that share of the attacks, with all the traffic of its stretch. For a
 * validation slice of a time split's training side: attacks come in campaigns, and when the last
 * one ends before the side's last quarter of sessions, the usual cut leaves the slice without an
 * attack although the side holds many. Still by time, with the gap: refused like any split when a
 * side lacks a class (the attacks one burst, all within the gap of the cut).
 */
export function splitByAttackTime(input: SplitInput, gapMs: number): Split {
  const rows = labelledRows(input);
  const attacks = rows.filter((r) => input.label[r] === 1);
  const split = byTime(input, rows, gapMs, attacks.length > 0 ? attacks : rows);
  checkSides(input, split);
  return split;
}

/** Later rows (at or after the cut) are tested; `cutOn` sets the cut at its own last TEST_SHARE. */
function byTime(input: SplitInput, rows: Int32Array, gapMs: number, cutOn: Int32Array = rows): Split {
  // The cut falls between two distinct times so no instant is on both sides.
  const cutAt = Math.floor(cutOn.length * (1 - TEST_SHARE));
  const cutTs = valueAt(input.startTs, cutOn[Math.min(cutAt, cutOn.length - 1)]);
  const train: number[] = [];
  const test: number[] = [];
  for (const r of rows) {
    const ts = valueAt(input.startTs, r);
    if (ts >= cutTs) test.push(r);
    else if (ts < cutTs - gapMs) train.push(r);
  }
  return { kind: 'time', train: Int32Array.from(train), test: Int32Array.from(test) };
}

function byIp(input: SplitInput, rows: Int32Array, seed: number): Split {
  // Sources with any malicious session and the rest are assigned separately, so both sides get
  // attackers in about the test share.
  const hasPositive = new Map<number, boolean>();
  for (const r of rows) {
    const key = valueAt(input.sourceKey, r);
    hasPositive.set(key, (hasPositive.get(key) ?? false) || input.label[r] === 1);
  }
  const rng = new Rng(seed);
  const testSources = new Set<number>();
  for (const positive of [true, false]) {
    const group = [...hasPositive].filter(([, p]) => p === positive).map(([key]) => key);
    shuffle(group, rng);
    const take = group.length === 1 ? 0 : Math.max(1, Math.round(group.length * TEST_SHARE));
    for (const key of group.slice(0, take)) testSources.add(key);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const r of rows) (testSources.has(valueAt(input.sourceKey, r)) ? test : train).push(r);
  return { kind: 'ip', train: Int32Array.from(train), test: Int32Array.from(test) };
}

function stratified(input: SplitInput, rows: Int32Array, seed: number): Split {
  const rng = new Rng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [0, 1]) {
    const members = Array.from(rows).filter((r) => input.label[r] === cls);
    shuffle(members, rng);
    const take = Math.round(members.length * TEST_SHARE);
    test.push(...members.slice(0, take));
    train.push(...members.slice(take));
  }
  const sorted = (a: number[]) => Int32Array.from(a).sort();
  return { kind: 'random', train: sorted(train), test: sorted(test) };
}

function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const held = must(items[i], 'an item to shuffle');
    items[i] = must(items[j], 'an item to shuffle');
    items[j] = held;
  }
}

/** Both sides need both classes: otherwise training learns nothing or the metrics mean nothing. */
function checkSides(input: SplitInput, split: Split): void {
  for (const [side, rows] of [
    ['training', split.train],
    ['test', split.test],
  ] as const) {
    let positives = 0;
    for (const r of rows) positives += valueAt(input.label, r);
    if (positives === 0 || positives === rows.length) {
      throw new TrainingRefused(
        `The ${split.kind} split leaves the ${side} side (${rows.length} sessions) with ${positives === 0 ? 'no malicious' : 'only malicious'} sessions: ` +
          `nothing to ${side === 'test' ? 'evaluate' : 'learn'}. Try another split (time, ip or random) or more labelled data.`,
      );
    }
  }
}
