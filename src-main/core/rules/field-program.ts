// biome-ignore-all lint/style/noNonNullAssertion: per-value and per-match loops index arrays built alongside them in the constructor.
// Every atom of one field, decided together from one look at the value: all literal patterns
// (contains / startswith / endswith / equals, in any case) by one multi-pattern scan; wildcard
// patterns and regexes only when the scan found a piece of text they cannot match without;
// the rest (CIDR, numbers, null, exists) directly. The answer for a value is the list of atoms
// that hold, which the evaluator memoizes per distinct value.

import net from 'node:net';
import { MultiPattern } from './aho-corasick.js';
import type { Atom, LiteralMode } from './atoms.js';
import { decodedSpellings, decodingOf } from './decode.js';
import type { RuleField } from './fields.js';
import { foldCase } from './fold.js';
import { WildcardPattern } from './glob.js';
import { regexGate } from './regex-gate.js';

export const NO_ATOMS = new Int32Array(0);

const MODE: Record<LiteralMode, number> = { contains: 0, startswith: 1, endswith: 2, equals: 3 };

/** Who cares that pattern p of the scan occurred: a literal atom (with its mode) or a prefiltered check. */
interface PatternUser {
  local: number;
  mode: number;
  /** ≥ 0: the index of a check this pattern unlocks; the occurrence decides nothing by itself. */
  check: number;
}

interface Check {
  local: number;
  /** Runs only when one of its gate patterns occurred. */
  gated: boolean;
  /** Runs only when one of these (literal) atoms holds (Atom.requires), when there are any. */
  requires: Int32Array;
  /** Sees the value with its case folded (fold.ts) rather than as it is. */
  folded: boolean;
  test(value: string): boolean;
}

export class FieldProgram {
  /** The value's atoms when the field is missing. */
  readonly missing: Int32Array;
  private readonly global: Int32Array;
  private readonly scans: { matcher: MultiPattern; users: PatternUser[][] }[] = [];
  private readonly checks: Check[] = [];
  /** Atoms that hold for any value that is there / for an empty value. */
  private readonly whenPresent: number[] = [];
  private readonly whenEmpty: number[] = [];
  private readonly numberTests: { local: number; op: string; value: number }[] = [];
  private readonly textTests: boolean;
  private readonly decoding: { plusIsSpace: boolean } | null;

  // Per-value scratch: marks for this value's atoms and unlocked checks, by generation.
  private generation = 0;
  private readonly atomMark: Int32Array;
  private readonly checkMark: Int32Array;
  private readonly found: number[] = [];
  private scanLength = 0;
  private scanUsers: PatternUser[][] = [];
  private scanLengths: Int32Array = NO_ATOMS;

  constructor(
    readonly field: RuleField,
    atoms: readonly Atom[],
    readonly numeric: boolean,
  ) {
    this.global = Int32Array.from(atoms, (atom) => atom.id);
    this.decoding = decodingOf(field);
    this.atomMark = new Int32Array(atoms.length);
    const insensitive: { text: string; user: PatternUser }[] = [];
    const cased: { text: string; user: PatternUser }[] = [];
    const missing: number[] = [];
    let textTests = false;
    const localOf = new Map(atoms.map((atom, local) => [atom.id, local]));
    const required = (atom: Atom) => Int32Array.from(atom.requires, (id) => localOf.get(id) ?? -1);
    atoms.forEach((atom, local) => {
      const test = atom.test;
      switch (test.kind) {
        case 'literal':
          textTests = true;
          (test.cased ? cased : insensitive).push({
            text: test.text,
            user: { local, mode: MODE[test.mode], check: -1 },
          });
          break;
        case 'wildcard': {
          textTests = true;
          const pattern = new WildcardPattern(test.tokens);
          const gate = longestLiteral(test.tokens);
          const check = this.checks.length;
          this.checks.push({
            local,
            gated: gate !== null,
            requires: required(atom),
            folded: !test.cased,
            test: (value) => pattern.match(value) !== null,
          });
          if (gate !== null) insensitive.push({ text: gate, user: { local, mode: 0, check } });
          break;
        }
        case 'regex': {
          textTests = true;
          const regex = new RegExp(test.source, test.flags);
          const gate = regexGate(test.source);
          const check = this.checks.length;
          this.checks.push({
            local,
            gated: gate !== null,
            requires: required(atom),
            folded: false,
            test: (raw) => regex.test(raw),
          });
          for (const text of gate ?? []) insensitive.push({ text, user: { local, mode: 0, check } });
          break;
        }
        case 'cidr': {
          textTests = true;
          const list = cidrList(test.cidr);
          this.checks.push({
            local,
            gated: false,
            requires: NO_ATOMS,
            folded: false,
            test: (raw) => inList(list, raw),
          });
          break;
        }
        case 'number':
          if (!numeric) textTests = true;
          this.numberTests.push({ local, op: test.op, value: test.value });
          break;
        case 'present':
          this.whenPresent.push(local);
          break;
        case 'empty':
          textTests = true;
          this.whenEmpty.push(local);
          break;
        case 'null':
          textTests = true;
          this.whenEmpty.push(local);
          missing.push(local);
          break;
        case 'exists':
          (test.present ? this.whenPresent : missing).push(local);
          break;
      }
    });
    this.textTests = textTests;
    this.checkMark = new Int32Array(this.checks.length);
    for (const [list, isCased] of [
      [insensitive, false],
      [cased, true],
    ] as const) {
      if (list.length === 0) continue;
      // One matcher pattern per distinct text; each keeps every atom or check that uses it.
      const index = new Map<string, number>();
      const texts: string[] = [];
      const users: PatternUser[][] = [];
      for (const { text, user } of list) {
        let at = index.get(text);
        if (at === undefined) {
          at = texts.length;
          index.set(text, at);
          texts.push(text);
          users.push([]);
        }
        users[at]!.push(user);
      }
      this.scans.push({ matcher: new MultiPattern(texts, !isCased), users });
    }
    this.missing = this.toGlobal(missing);
  }

  /**
   * The atoms (global ids) that hold for a text value: for a URL field, on the value as logged or
   * on one of its percent-decoded spellings (decode.ts).
   */
  text(value: string): Int32Array {
    this.begin();
    this.runText(value);
    if (this.decoding)
      for (const spelling of decodedSpellings(value, this.decoding.plusIsSpace)) this.runText(spelling);
    return this.finish();
  }

  /** The atoms (global ids) that hold for a number value (NaN: missing). */
  number(value: number): Int32Array {
    if (Number.isNaN(value)) return this.missing;
    this.begin();
    for (const { local, op, value: bound } of this.numberTests)
      if (compare(value, op, bound)) this.mark(local);
    for (const local of this.whenPresent) this.mark(local);
    // Text tests on a number field (`sc-status: '5*'`) see the number as decimal text.
    if (this.textTests) this.runText(String(value), true);
    return this.finish();
  }

  private begin(): void {
    this.generation++;
    this.found.length = 0;
  }

  private finish(): Int32Array {
    const found = this.found;
    if (found.length === 0) return NO_ATOMS;
    const out = new Int32Array(found.length);
    for (let i = 0; i < found.length; i++) out[i] = this.global[found[i]!]!;
    return out;
  }

  private anyMarked(locals: Int32Array): boolean {
    for (let i = 0; i < locals.length; i++) if (this.atomMark[locals[i]!] === this.generation) return true;
    return false;
  }

  private mark(local: number): void {
    if (this.atomMark[local] !== this.generation) {
      this.atomMark[local] = this.generation;
      this.found.push(local);
    }
  }

  private runText(raw: string, fromNumber = false): void {
    this.scanLength = raw.length;
    for (const scan of this.scans) {
      this.scanUsers = scan.users;
      this.scanLengths = scan.matcher.lengths;
      scan.matcher.scan(raw, this.visit);
    }
    let folded: string | null = null;
    for (let c = 0; c < this.checks.length; c++) {
      const check = this.checks[c]!;
      if (check.gated && this.checkMark[c] !== this.generation) continue;
      if (check.requires.length && !this.anyMarked(check.requires)) continue;
      if (check.folded) folded ??= foldCase(raw);
      if (check.test(check.folded ? (folded as string) : raw)) this.mark(check.local);
    }
    if (!fromNumber) {
      for (const local of this.whenPresent) this.mark(local);
      if (this.numberTests.length) {
        const value = raw.trim() === '' ? Number.NaN : Number(raw);
        for (const { local, op, value: bound } of this.numberTests)
          if (compare(value, op, bound)) this.mark(local);
      }
    }
    if (raw.length === 0) for (const local of this.whenEmpty) this.mark(local);
  }

  /** One occurrence from the scan: decide the literal atoms it completes, unlock the checks it gates. */
  private readonly visit = (pattern: number, end: number): void => {
    const users = this.scanUsers[pattern]!;
    const start = end - this.scanLengths[pattern]!;
    for (let u = 0; u < users.length; u++) {
      const user = users[u]!;
      if (user.check >= 0) {
        this.checkMark[user.check] = this.generation;
        continue;
      }
      const atStart = start === 0;
      const atEnd = end === this.scanLength;
      const mode = user.mode;
      if (mode === 0 || (mode === 1 && atStart) || (mode === 2 && atEnd) || (mode === 3 && atStart && atEnd))
        this.mark(user.local);
    }
  };

  private toGlobal(locals: number[]): Int32Array {
    return locals.length ? Int32Array.from(locals, (local) => this.global[local]!) : NO_ATOMS;
  }
}

function compare(value: number, op: string, bound: number): boolean {
  switch (op) {
    case 'eq':
      return value === bound;
    case 'lt':
      return value < bound;
    case 'lte':
      return value <= bound;
    case 'gt':
      return value > bound;
    default:
      return value >= bound;
  }
}

/** The longest literal run of a wildcard pattern (already folded when case-insensitive). */
function longestLiteral(tokens: readonly (string | { wildcard: string })[]): string | null {
  let best = '';
  for (const token of tokens) if (typeof token === 'string' && token.length > best.length) best = token;
  return best ? foldCase(best) : null;
}

function cidrList(cidr: string): net.BlockList {
  const list = new net.BlockList();
  const slash = cidr.indexOf('/');
  const address = slash < 0 ? cidr : cidr.slice(0, slash);
  const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (slash < 0) list.addAddress(address, family);
  else list.addSubnet(address, Number(cidr.slice(slash + 1)), family);
  return list;
}

function inList(list: net.BlockList, raw: string): boolean {
  const family = net.isIP(raw);
  return family !== 0 && list.check(raw, family === 6 ? 'ipv6' : 'ipv4');
}
