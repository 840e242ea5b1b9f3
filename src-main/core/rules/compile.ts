// Loaded rules → one program for all of them: every distinct field test becomes an atom, the atoms
// of each field are decided together by one FieldProgram, and each rule becomes a predicate over
// the atoms' truth. A rule that cannot hold when none of its atoms does (nearly all) is only
// looked at for sessions where one of its atoms held.

import { type Atom, AtomTable, type AtomTest, atomTest } from './atoms.js';
import { FieldProgram } from './field-program.js';
import { isNumberField, KEYWORD_FIELDS, type RuleField } from './fields.js';
import { foldCase } from './fold.js';
import { type RuleScope, scopeOf } from './logsource.js';
import type { ConditionNode, FieldTest, MatchValue, RuleLevel, SigmaRule } from './types.js';

type Truth = Uint8Array;
export type Predicate = (truth: Truth) => boolean;

/** A field test as atoms: OR within a group; the groups OR'ed (`any`) or AND'ed (`all`). */
export interface CompiledTest {
  groups: Int32Array[];
  combine: 'any' | 'all';
}

export interface CompiledSelection {
  name: string;
  /** Under an even number of `not`s somewhere in the condition: its match is evidence for a hit. */
  evidence: boolean;
  alternatives: CompiledTest[][];
  holds: Predicate;
}

export interface CompiledRule {
  index: number;
  id: string;
  title: string;
  level: RuleLevel | null;
  selections: CompiledSelection[];
  holds: Predicate;
  /** The sessions its logsource describes (logsource.ts): checked by the evaluator per candidate row. */
  scope: RuleScope;
}

export interface CompiledRuleSet {
  rules: CompiledRule[];
  atoms: Atom[];
  /** One per field some rule tests, in a fixed order. */
  programs: FieldProgram[];
  /** Rule indexes that use each atom. */
  atomRules: Int32Array[];
  /** Rules that can hold with none of their atoms holding (e.g. `not filter`): looked at for every session. */
  always: Int32Array;
}

export function compileRules(rules: readonly SigmaRule[]): CompiledRuleSet {
  const table = new AtomTable();
  const compiled = rules.map((rule, index) => compileRule(rule, index, table));
  const atoms = table.atoms;
  const byField = new Map<RuleField, Atom[]>();
  for (const atom of atoms) {
    const list = byField.get(atom.field) ?? [];
    list.push(atom);
    byField.set(atom.field, list);
  }
  const programs = [...byField].map(
    ([field, fieldAtoms]) => new FieldProgram(field, fieldAtoms, isNumberField(field)),
  );
  const users: number[][] = atoms.map(() => []);
  for (const rule of compiled)
    for (const atom of atomsOf(rule)) {
      const list = users[atom] as number[];
      if (list[list.length - 1] !== rule.index) list.push(rule.index);
    }
  const none = new Uint8Array(atoms.length);
  return {
    rules: compiled,
    atoms,
    programs,
    atomRules: users.map((list) => Int32Array.from(list)),
    always: Int32Array.from(compiled.filter((rule) => rule.holds(none)).map((rule) => rule.index)),
  };
}

function compileRule(rule: SigmaRule, index: number, table: AtomTable): CompiledRule {
  const positive = evidenceNames(rule.condition);
  const selections = rule.selections.map((selection): CompiledSelection => {
    const alternatives = selection.alternatives.map((tests) => compileAlternative(tests, table));
    const alternativeHolds = alternatives.map((tests) => all(tests.map(testHolds)));
    return {
      name: selection.name,
      evidence: positive.has(selection.name),
      alternatives,
      holds: any(alternativeHolds),
    };
  });
  const byName = new Map(selections.map((selection) => [selection.name, selection.holds]));
  return {
    index,
    id: rule.id,
    title: rule.title,
    level: rule.level,
    selections,
    holds: conditionHolds(rule.condition, byName),
    scope: scopeOf(rule.logsource),
  };
}

/**
 * The tests of one map (AND'ed). Literal-only tests come first, so that a regex or wildcard test
 * of the same field can be made to require one of their atoms (Atom.requires).
 */
function compileAlternative(tests: readonly FieldTest[], table: AtomTable): CompiledTest[] {
  const literalOnly = (test: FieldTest) =>
    test.field !== 'keywords' &&
    test.combine === 'any' &&
    test.values.flat().every((value) => atomTest(value).kind === 'literal');
  const expensive = (test: FieldTest) =>
    test.field !== 'keywords' &&
    test.values.flat().every((value) => value.type === 'regex' || atomTest(value).kind === 'wildcard');
  const compiled = new Map<FieldTest, CompiledTest>();
  for (const test of tests) if (literalOnly(test)) compiled.set(test, compileTest(test, table, []));
  for (const test of tests) {
    if (compiled.has(test)) continue;
    const sibling = expensive(test)
      ? tests.find((other) => other.field === test.field && compiled.has(other))
      : undefined;
    const requires = sibling ? [...(compiled.get(sibling)?.groups ?? [])].flatMap((group) => [...group]) : [];
    compiled.set(test, compileTest(test, table, requires));
  }
  return tests.map((test) => compiled.get(test) as CompiledTest);
}

function compileTest(test: FieldTest, table: AtomTable, requires: readonly number[]): CompiledTest {
  const fields: readonly RuleField[] = test.field === 'keywords' ? KEYWORD_FIELDS : [test.field];
  // A group per written value: any of its spellings in any of the fields.
  const groups = test.values.map((spellings) =>
    Int32Array.from(
      spellings.flatMap((value) => fields.map((field) => table.idOf(field, testFor(field, value), requires))),
    ),
  );
  return { groups, combine: test.combine };
}

/** A YAML number compared for equality with a text field is compared as its text, as Sigma does. */
function testFor(field: RuleField, value: MatchValue): AtomTest {
  if (value.type === 'number' && value.op === 'eq' && !isNumberField(field))
    return { kind: 'literal', mode: 'equals', text: foldCase(String(value.value)), cased: false };
  return atomTest(value);
}

function testHolds({ groups, combine }: CompiledTest): Predicate {
  const holdsGroup = groups.map((group): Predicate => {
    if (group.length === 1) {
      const only = group[0] as number;
      return (truth) => truth[only] === 1;
    }
    return (truth) => group.some((atom) => truth[atom] === 1);
  });
  return combine === 'all' ? all(holdsGroup) : any(holdsGroup);
}

function conditionHolds(node: ConditionNode, byName: Map<string, Predicate>): Predicate {
  switch (node.kind) {
    case 'ref':
      return byName.get(node.name) ?? (() => false);
    case 'not': {
      const inner = conditionHolds(node.of, byName);
      return (truth) => !inner(truth);
    }
    case 'and':
      return all(node.of.map((part) => conditionHolds(part, byName)));
    case 'or':
      return any(node.of.map((part) => conditionHolds(part, byName)));
    case 'atLeast': {
      const parts = node.names.map((name) => byName.get(name) ?? (() => false));
      const need = node.count;
      if (need === 1) return any(parts);
      if (need >= parts.length) return all(parts);
      return (truth) => {
        let count = 0;
        for (const part of parts) if (part(truth) && ++count >= need) return true;
        return false;
      };
    }
  }
}

function all(parts: Predicate[]): Predicate {
  if (parts.length === 1) return parts[0] as Predicate;
  return (truth) => {
    for (const part of parts) if (!part(truth)) return false;
    return true;
  };
}

function any(parts: Predicate[]): Predicate {
  if (parts.length === 1) return parts[0] as Predicate;
  return (truth) => {
    for (const part of parts) if (part(truth)) return true;
    return false;
  };
}

/** Identifiers the condition uses under an even number of `not`s. */
function evidenceNames(node: ConditionNode, negated = false, into = new Set<string>()): Set<string> {
  switch (node.kind) {
    case 'ref':
      if (!negated) into.add(node.name);
      break;
    case 'not':
      evidenceNames(node.of, !negated, into);
      break;
    case 'and':
    case 'or':
      for (const part of node.of) evidenceNames(part, negated, into);
      break;
    case 'atLeast':
      if (!negated) for (const name of node.names) into.add(name);
      break;
  }
  return into;
}

function* atomsOf(rule: CompiledRule): Generator<number> {
  for (const selection of rule.selections)
    for (const tests of selection.alternatives)
      for (const test of tests) for (const group of test.groups) yield* group;
}
