// Sigma detection rules over Vigil's sessions, as a pure module (no database): load and check
// rules, compile them once, evaluate them over batches of sessions. See the README section
// "Detection rules (Sigma)" for what is supported and what is refused.

export type { ColumnBatch, TextColumn } from './columns.js';
export { type CompiledRuleSet, compileRules } from './compile.js';
export { evaluateColumns, evaluateRecords } from './evaluate.js';
export {
  DERIVED_FIELDS,
  KEYWORD_FIELDS,
  NUMBER_FIELDS,
  type RequestRecord,
  type RuleField,
  TEXT_FIELDS,
} from './fields.js';
export { loadRuleFile, loadRuleFolder, loadRuleText, MAX_RULE_FILE_BYTES, mergeLoads } from './load.js';
export { loadRulePack, packDir } from './pack.js';
export { sigmaFieldNames, vigilField } from './taxonomy.js';
export type { LoadResult, RuleHit, RuleLevel, RuleRefusal, SigmaRule } from './types.js';
export { RULE_LEVELS } from './types.js';
export { ruleFieldsUsed } from './used-fields.js';
