// The rules that run on sessions: every enabled set's stored rules, compiled once into one rule
// set (core/rules), with each compiled rule's `rules` row and level, so a hit is stored by index.
import type { Db } from '../db/open.js';
import { levelIndex, ruleRowIds, ruleSets } from '../db/rule-sets.js';
import { type CompiledRuleSet, compileRules } from '../rules/index.js';
import type { SigmaRule } from '../rules/types.js';

export interface ActiveRules {
  compiled: CompiledRuleSet;
  /** The `rules` row of compiled rule i. */
  rowOf: Int32Array;
  /** The level (0–4) of compiled rule i. */
  levelOf: Int8Array;
  /** The sets that were compiled, with the content they were compiled from. */
  sets: { id: number; contentHash: string | null }[];
}

// Compiling is the costly part (regex gates, the multi-pattern scanner): the last compiled sets
// are kept, keyed by which sets and what content, and reused by the next import of this process.
let compiledCache: { key: string; compiled: CompiledRuleSet } | null = null;

/** The enabled sets' rules compiled, or null when no rule is active. */
export function activeRules(db: Db): ActiveRules | null {
  const rules: SigmaRule[] = [];
  const rows: number[] = [];
  const sets: ActiveRules['sets'] = [];
  for (const set of ruleSets(db)) {
    if (!set.enabled || set.kind === 'engine' || set.rulesJson === null) continue;
    const ids = ruleRowIds(db, set.id);
    const loaded = JSON.parse(set.rulesJson) as SigmaRule[];
    for (const rule of loaded) {
      const row = ids.get(rule.id);
      if (row === undefined) throw new Error(`Rule ${rule.id} of set ${set.source} has no stored row`);
      // Rule ids are only unique within a set: the compiled rule is known by its index.
      rules.push({ ...rule, id: String(rules.length) });
      rows.push(row);
    }
    sets.push({ id: set.id, contentHash: set.contentHash });
  }
  if (rules.length === 0) return null;
  const key = JSON.stringify(sets);
  if (compiledCache?.key !== key) compiledCache = { key, compiled: compileRules(rules) };
  const { compiled } = compiledCache;
  return {
    compiled,
    rowOf: Int32Array.from(rows),
    levelOf: Int8Array.from(rules, (rule) => levelIndex(rule.level)),
    sets,
  };
}
