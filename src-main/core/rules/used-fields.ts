// Which stored session fields a compiled rule set reads, so a job scanning stored sessions selects
// only those columns (`uri` is read from path and query, `uriExtension` from path), and the ones
// that say whether a session is a request, for the rules' logsources.

import { sourcesOf } from './columns.js';
import type { CompiledRuleSet } from './compile.js';
import { REQUEST_MARK_FIELDS, type RuleField } from './fields.js';

export function ruleFieldsUsed(set: CompiledRuleSet): RuleField[] {
  return [
    ...new Set([...set.programs.flatMap((program) => sourcesOf(program.field)), ...REQUEST_MARK_FIELDS]),
  ];
}
