// What a loaded rule matches, apart from what it is called and where it is written (its file, and
// the lines of the rule and of its selections, which move when a comment or an attribute is
// written above them). Two rules of one folder with one definition are one rule loaded twice (a
// copied file), whose hits would count twice; a rule reloaded with the same id and definition is
// the same rule, and keeps its hits.
import type { SigmaRule } from './types.js';

export function ruleDefinition(rule: SigmaRule): string {
  const { id: _id, derivedId: _derived, file: _file, line: _line, selections, ...rest } = rule;
  return JSON.stringify({ ...rest, selections: selections.map(({ line: _at, ...selection }) => selection) });
}
