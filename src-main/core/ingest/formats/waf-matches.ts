// What a WAF rule matched, as one line of text an analyst reads in the drawer or a report:
// `SQL_INJECTION QUERY_STRING: 10 AND 1=1` (condition, where, the matched data), rules as
// `RuleId ACTION (matches)`, several joined by `; `. WAF logs these as nested JSON arrays, which
// read poorly as an attribute and hide the matched data (the evidence) among keys.
import { valueText } from './bounded-attrs.js';
import { type JsonObject, objectOrNull } from './json-lines.js';

/** `terminatingRuleMatchDetails` or a rule's `ruleMatchDetails`. */
export function matchText(details: unknown): string | null {
  if (!Array.isArray(details)) return null;
  const parts: string[] = [];
  for (const entry of details) {
    const detail = objectOrNull(entry);
    if (detail === null) continue;
    const where = [detail.conditionType, detail.location, detail.matchedFieldName]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(' ');
    const data = Array.isArray(detail.matchedData) ? detail.matchedData.map(valueText).join(' ') : '';
    parts.push(data === '' ? where : `${where}: ${data}`);
  }
  return joined(parts);
}

/** `nonTerminatingMatchingRules`: each rule with its action and what it matched. */
export function rulesText(rules: unknown, prefix = ''): string | null {
  if (!Array.isArray(rules)) return null;
  const parts: string[] = [];
  for (const rule of rules) {
    const text = ruleText(objectOrNull(rule), prefix);
    if (text !== null) parts.push(text);
  }
  return joined(parts);
}

/** The rules matched inside rule groups (`ruleGroupList`), each named `group/rule`. */
export function groupRulesText(groups: unknown): string | null {
  if (!Array.isArray(groups)) return null;
  const parts: string[] = [];
  for (const entry of groups) {
    const group = objectOrNull(entry);
    if (group === null) continue;
    const prefix = typeof group.ruleGroupId === 'string' ? `${group.ruleGroupId}/` : '';
    const terminating = ruleText(objectOrNull(group.terminatingRule), prefix);
    if (terminating !== null) parts.push(terminating);
    const others = rulesText(group.nonTerminatingMatchingRules, prefix);
    if (others !== null) parts.push(others);
    const excluded = rulesText(
      Array.isArray(group.excludedRules)
        ? group.excludedRules.map((rule) => ({ ...objectOrNull(rule), action: 'EXCLUDED' }))
        : null,
      prefix,
    );
    if (excluded !== null) parts.push(excluded);
  }
  return joined(parts);
}

/** `labels`: their names. */
export function labelsText(labels: unknown): string | null {
  if (!Array.isArray(labels)) return null;
  const names = labels.map((label) => objectOrNull(label)?.name).filter((name) => typeof name === 'string');
  return names.length === 0 ? null : names.join(', ');
}

function ruleText(rule: JsonObject | null, prefix: string): string | null {
  if (rule === null || typeof rule.ruleId !== 'string') return null;
  const action = typeof rule.action === 'string' ? ` ${rule.action}` : '';
  const matches = matchText(rule.ruleMatchDetails);
  return `${prefix}${rule.ruleId}${action}${matches === null ? '' : ` (${matches})`}`;
}

function joined(parts: string[]): string | null {
  return parts.length === 0 ? null : parts.join('; ');
}
