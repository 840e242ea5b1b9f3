// An atom is one test of one field's value (contains "union", matches /…/, in 10.0.0.0/8, …): the
// unit the compiled rules share. Two rules that test the same thing share the atom, so it is
// decided once per session for all of them.

import type { RuleField } from './fields.js';
import { foldCase } from './fold.js';
import { hasWildcard, isStar, literalOf } from './sigma-string.js';
import type { MatchValue, PatternToken } from './types.js';

export type LiteralMode = 'equals' | 'contains' | 'startswith' | 'endswith';

export type AtomTest =
  /** A pattern without `?` and with stars only at its ends: found by the multi-pattern matcher. */
  | { kind: 'literal'; mode: LiteralMode; text: string; cased: boolean }
  /** Any other wildcard pattern; `tokens` folded unless cased. */
  | { kind: 'wildcard'; tokens: PatternToken[]; cased: boolean }
  | { kind: 'regex'; source: string; flags: string }
  | { kind: 'number'; op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'; value: number }
  | { kind: 'cidr'; cidr: string }
  /** The value is missing or empty (`field: null`). */
  | { kind: 'null' }
  /** The value is there (`exists: true`) or not (`exists: false`). */
  | { kind: 'exists'; present: boolean }
  /** `*` alone or `contains: ''`: any value that is there, even empty. */
  | { kind: 'present' }
  /** `''`: the value is there and empty. */
  | { kind: 'empty' };

export interface Atom {
  id: number;
  field: RuleField;
  test: AtomTest;
  /**
   * For a regex or wildcard test that a rule only uses beside a literal test of the same field
   * (`c-uri|contains: [...]` and `c-uri|re: ...` in one map): those literal atoms. The expensive
   * test is only run when one of them holds — where none does, the map fails anyway, so the
   * atom's answer there does not matter.
   */
  requires: readonly number[];
}

/** The atom test for a value (already resolved by the loader). */
export function atomTest(value: MatchValue): AtomTest {
  switch (value.type) {
    case 'text':
      return textTest(value.pattern, value.cased);
    case 'number':
      return { kind: 'number', op: value.op, value: value.value };
    case 'regex':
      return { kind: 'regex', source: value.source, flags: value.flags };
    case 'cidr':
      return { kind: 'cidr', cidr: value.cidr };
    case 'null':
      return { kind: 'null' };
    case 'exists':
      return { kind: 'exists', present: value.present };
  }
}

function textTest(pattern: PatternToken[], cased: boolean): AtomTest {
  const fold = (text: string) => (cased ? text : foldCase(text));
  const first = pattern[0];
  const last = pattern[pattern.length - 1];
  const leading = first !== undefined && isStar(first);
  const trailing = last !== undefined && pattern.length > 1 && isStar(last);
  const inner = pattern.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (!hasWildcard(inner)) {
    const text = fold(literalOf(inner));
    if (text === '') return leading || trailing ? { kind: 'present' } : { kind: 'empty' };
    const mode: LiteralMode =
      leading && trailing ? 'contains' : leading ? 'endswith' : trailing ? 'startswith' : 'equals';
    return { kind: 'literal', mode, text, cased };
  }
  return {
    kind: 'wildcard',
    tokens: pattern.map((token) => (typeof token === 'string' ? fold(token) : token)),
    cased,
  };
}

/** Gives each distinct (field, test) one atom. */
export class AtomTable {
  readonly atoms: Atom[] = [];
  private readonly byKey = new Map<string, number>();

  idOf(field: RuleField, test: AtomTest, requires: readonly number[] = []): number {
    const key = `${field}\u0000${JSON.stringify(test)}\u0000${requires.join(',')}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.atoms.length;
      this.atoms.push({ id, field, test, requires });
      this.byKey.set(key, id);
    }
    return id;
  }
}
