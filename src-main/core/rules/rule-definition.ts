// What a loaded rule matches, apart from what it is called and where it is written: two rules
// with one definition are one rule loaded twice (a copied file), whose hits would count twice.
import type { SigmaRule } from './types.js';

export function ruleDefinition(rule: SigmaRule): string {
  const { id: _id, derivedId: _derived, file: _file, line: _line, ...definition } = rule;
  return JSON.stringify(definition);
}
