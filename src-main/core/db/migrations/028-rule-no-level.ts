import type { Migration } from './index.js';

/**
 * Whether a rule wrote no level (Sigma makes `level` optional). `rules.level` holds the rank its hits
 * are stored, sorted, filtered and flagged at, which is informational's (0) for such a rule; alone
 * it made every screen and export say "informational" for hits whose rule claimed no severity.
 * `no_level` = 1 keeps that fact beside the rank, so what is shown is what the rule wrote.
 *
 * Existing rows are filled from what their set stored when it was loaded: `rule_sets.rules_json`
 * keeps every loaded rule with `level: null` when it wrote none (core/rules/rule-meta.ts). Loading
 * the folder again would not do it: rules whose definition did not change keep their rows. Rules
 * of an engine (Suricata) and of sets stored before rules without a level were accepted all have
 * one, so 0 is right for them.
 */
export const ruleNoLevel: Migration = {
  name: 'rules: whether the rule wrote no level',
  sql: `
ALTER TABLE rules ADD COLUMN no_level INTEGER NOT NULL DEFAULT 0 CHECK (no_level IN (0, 1));
UPDATE rules SET no_level = 1
WHERE level = 0 AND (set_id, rule_id) IN (
  SELECT rs.id, json_extract(j.value, '$.id') FROM rule_sets rs, json_each(rs.rules_json) j
  WHERE rs.rules_json IS NOT NULL AND json_type(j.value, '$.level') = 'null'
);
`,
};
