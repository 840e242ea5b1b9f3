// The filter term that opens exactly the sessions one rule matched. `sigma:=X` keeps a session hit
// by any rule whose title or id is X (any case; digits also a Suricata sid), and titles and ids
// are only unique within a set: an analyst's rule may carry a pack rule's title, or copy its id.
// So the rule's title is used when no other rule answers to it, else its id when no other rule
// answers to that; when both are shared (a rule copied whole), the term opens every rule's
// sessions that answer to it, and the caller says so.

import { foldCase } from '../../../src-shared/filter/case-fold.js';
import type { FilterClause } from '../../../src-shared/filter/index.js';
import { valueClause } from '../../../src-shared/filter/index.js';

/** What the pivot reads of a rule: the two names `sigma:=` answers to. */
type Rule = { title: string; ruleId: string };
/** Every rule `sigma:=` could select: each set's rules (RuleSetInfo), or the rules with hits. */
type RuleSets = readonly { rules: readonly Rule[] }[];

export interface RulePivot {
  clause: FilterClause;
  /** False when other rules answer to the term too: their sessions open with this rule's. */
  exact: boolean;
}

/** How many rules of all sets `sigma:=value` selects (as core/db/filter-sql.ts's sigmaSql). */
function rulesAnswering(sets: RuleSets, value: string): number {
  const folded = foldCase(value);
  const sid = /^\d+$/.test(value) ? `:${value}:` : null;
  let count = 0;
  for (const set of sets)
    for (const rule of set.rules)
      if (
        foldCase(rule.title) === folded ||
        foldCase(rule.ruleId) === folded ||
        (sid !== null && rule.ruleId.includes(sid))
      )
        count++;
  return count;
}

export function rulePivot(sets: RuleSets, rule: Rule): RulePivot {
  for (const value of [rule.title, rule.ruleId])
    if (rulesAnswering(sets, value) === 1) return { clause: valueClause('sigma', value, false), exact: true };
  return { clause: valueClause('sigma', rule.title, false), exact: false };
}
