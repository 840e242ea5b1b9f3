// What to show for a hit: the first atom that held in a selection the condition counts for the
// rule (not one it negates), and the part of that field's value it matched, cut from the value as
// the data has it so the screens can highlight it. Runs only for hits, so it may re-match.

import type { Atom } from './atoms.js';
import type { CompiledRule, CompiledRuleSet, CompiledTest } from './compile.js';
import { spellingsOf } from './decode.js';
import type { RuleField } from './fields.js';
import { foldCase } from './fold.js';
import { WildcardPattern } from './glob.js';

export interface Evidence {
  field: string;
  value: string;
}

export function explainHit(
  set: CompiledRuleSet,
  rule: CompiledRule,
  truth: Uint8Array,
  readField: (field: RuleField) => string | null,
): Evidence | null {
  for (const selection of rule.selections) {
    if (!selection.evidence || !selection.holds(truth)) continue;
    for (const tests of selection.alternatives) {
      if (!tests.every((test) => testHolds(test, truth))) continue;
      // Of the first holding atom of each test, the longest match: a regex over a whole payload
      // says more than the quote that gated it.
      let best: Evidence | null = null;
      for (const test of tests) {
        const id = firstHolding(test, truth);
        const atom = id === null ? undefined : set.atoms[id];
        const evidence = atom ? evidenceOf(atom, readField) : null;
        if (evidence && (best === null || evidence.value.length > best.value.length)) best = evidence;
      }
      if (best) return best;
    }
  }
  return null;
}

function firstHolding(test: CompiledTest, truth: Uint8Array): number | null {
  for (const group of test.groups) for (const id of group) if (truth[id] === 1) return id;
  return null;
}

function testHolds({ groups, combine }: CompiledTest, truth: Uint8Array): boolean {
  const groupHolds = (group: Int32Array) => group.some((atom) => truth[atom] === 1);
  return combine === 'all' ? groups.every(groupHolds) : groups.some(groupHolds);
}

function evidenceOf(atom: Atom, readField: (field: RuleField) => string | null): Evidence {
  const logged = readField(atom.field);
  if (logged === null) return { field: atom.field, value: '' };
  // The spelling the atom matched: as logged, else percent-decoded (decode.ts), where the screens
  // find it in the decoded request line.
  let raw = logged;
  let span: [number, number] = [0, logged.length];
  for (const spelling of spellingsOf(logged, atom.field)) {
    const found = spanOf(atom, spelling);
    if (found) {
      raw = spelling;
      span = found;
      break;
    }
  }
  const [start, end] = span;
  const value = raw.slice(start, end);
  if (atom.field === 'uriExtension') return { field: 'path', value };
  if (atom.field === 'uri') {
    // Point at path or query when the match lies within one of them.
    const split = raw.indexOf('?');
    if (split < 0 || end <= split) return { field: 'path', value };
    if (start > split) return { field: 'query', value };
  }
  return { field: atom.field, value };
}

/** Where in `raw` the atom matched ([0, length] when the test is about the whole value; null: not in it). */
function spanOf(atom: Atom, raw: string): [number, number] | null {
  const test = atom.test;
  const whole: [number, number] = [0, raw.length];
  const folded = foldCase(raw);
  // Folding keeps one code unit per code unit, so positions in the folded text are positions in raw.
  switch (test.kind) {
    case 'literal': {
      const text = test.cased ? raw : folded;
      const found =
        test.mode === 'startswith'
          ? text.startsWith(test.text)
          : test.mode === 'endswith'
            ? text.endsWith(test.text)
            : test.mode === 'equals'
              ? text === test.text
              : text.includes(test.text);
      if (!found) return null;
      const at = test.mode === 'endswith' ? text.length - test.text.length : text.indexOf(test.text);
      return [at, at + test.text.length];
    }
    case 'wildcard':
      return new WildcardPattern(test.tokens).match(test.cased ? raw : folded);
    case 'regex': {
      const found = new RegExp(test.source, test.flags).exec(raw);
      return found ? [found.index, found.index + found[0].length] : null;
    }
    default:
      return whole;
  }
}
