// The plain way to evaluate Sigma rules, kept as the yardstick the compiled engine is checked
// against (tests: same hits on generated sessions) and measured against (bench/rules.mjs): every
// rule on its own, every field test straight from the loaded rule (case folded per test, each
// value compared by its own includes / startsWith / regex), no atoms shared between rules and no
// multi-pattern scan. Regexes and CIDR lists are built once, as any sane evaluator would.
// Not used by the app.

import net from 'node:net';
import {
  extensionOf,
  isNumberField,
  KEYWORD_FIELDS,
  type RequestRecord,
  type RuleField,
  uriOf,
} from './fields.js';
import { foldCase } from './fold.js';
import type { ConditionNode, FieldTest, MatchValue, PatternToken, SigmaRule } from './types.js';

export interface ReferenceHit {
  sessionIndex: number;
  ruleId: string;
}

export function referenceEvaluate(
  rules: readonly SigmaRule[],
  records: readonly RequestRecord[],
): ReferenceHit[] {
  const hits: ReferenceHit[] = [];
  records.forEach((record, sessionIndex) => {
    for (const rule of rules) if (ruleHolds(rule, record)) hits.push({ sessionIndex, ruleId: rule.id });
  });
  return hits;
}

export function ruleHolds(rule: SigmaRule, record: RequestRecord): boolean {
  const selections = new Map(
    rule.selections.map((selection) => [
      selection.name,
      () => selection.alternatives.some((tests) => tests.every((test) => fieldTestHolds(test, record))),
    ]),
  );
  return conditionHolds(rule.condition, (name) => selections.get(name)?.() ?? false);
}

function conditionHolds(node: ConditionNode, selection: (name: string) => boolean): boolean {
  switch (node.kind) {
    case 'ref':
      return selection(node.name);
    case 'not':
      return !conditionHolds(node.of, selection);
    case 'and':
      return node.of.every((part) => conditionHolds(part, selection));
    case 'or':
      return node.of.some((part) => conditionHolds(part, selection));
    case 'atLeast':
      return node.names.filter(selection).length >= node.count;
  }
}

function fieldTestHolds(test: FieldTest, record: RequestRecord): boolean {
  const fields: readonly RuleField[] = test.field === 'keywords' ? KEYWORD_FIELDS : [test.field];
  const valueHolds = (value: MatchValue) =>
    fields.some((field) => valueMatches(value, field, fieldValue(record, field)));
  return test.combine === 'all' ? test.values.every(valueHolds) : test.values.some(valueHolds);
}

export function fieldValue(record: RequestRecord, field: RuleField): string | number | null {
  if (field === 'uri') return uriOf(record.path, record.query);
  if (field === 'uriExtension') return extensionOf(record.path);
  const value = (record as Record<string, string | number | null | undefined>)[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  return value;
}

function valueMatches(value: MatchValue, field: RuleField, actual: string | number | null): boolean {
  if (value.type === 'exists') return (actual !== null) === value.present;
  if (value.type === 'null') return actual === null || actual === '';
  if (actual === null) return false;
  const text = String(actual);
  switch (value.type) {
    case 'number': {
      if (value.op === 'eq' && !isNumberField(field)) return foldCase(text) === foldCase(String(value.value));
      const number = typeof actual === 'number' ? actual : text.trim() === '' ? Number.NaN : Number(text);
      if (value.op === 'eq') return number === value.value;
      if (value.op === 'lt') return number < value.value;
      if (value.op === 'lte') return number <= value.value;
      if (value.op === 'gt') return number > value.value;
      return number >= value.value;
    }
    case 'text':
      return patternMatches(value.pattern, value.cased ? text : foldCase(text), value.cased);
    case 'regex':
      return regexOf(value.source, value.flags).test(text);
    case 'cidr': {
      const family = net.isIP(text);
      return family !== 0 && cidrOf(value.cidr).check(text, family === 6 ? 'ipv6' : 'ipv4');
    }
  }
}

function patternMatches(pattern: readonly PatternToken[], text: string, cased: boolean): boolean {
  const literal = (token: string) => (cased ? token : foldCase(token));
  // The common shapes directly; anything else as an anchored regex over the whole value.
  const [first, ...rest] = pattern;
  const star = (token: PatternToken | undefined) =>
    token !== undefined && typeof token !== 'string' && token.wildcard === '*';
  if (pattern.length === 0) return text === '';
  if (pattern.length === 1 && typeof first === 'string') return text === literal(first);
  if (pattern.length === 1 && star(first)) return true;
  if (pattern.length === 2 && star(first) && typeof rest[0] === 'string')
    return text.endsWith(literal(rest[0]));
  if (pattern.length === 2 && typeof first === 'string' && star(rest[0]))
    return text.startsWith(literal(first));
  if (pattern.length === 3 && star(first) && typeof rest[0] === 'string' && star(rest[1]))
    return text.includes(literal(rest[0]));
  const source = pattern
    .map((token) =>
      typeof token === 'string'
        ? literal(token).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
        : token.wildcard === '*'
          ? '[\\s\\S]*'
          : '[\\s\\S]',
    )
    .join('');
  return regexOf(`^${source}$`, '').test(text);
}

const regexes = new Map<string, RegExp>();
function regexOf(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let regex = regexes.get(key);
  if (!regex) {
    regex = new RegExp(source, flags);
    regexes.set(key, regex);
  }
  return regex;
}

const cidrs = new Map<string, net.BlockList>();
function cidrOf(cidr: string): net.BlockList {
  let list = cidrs.get(cidr);
  if (!list) {
    list = new net.BlockList();
    const [address = '', prefix] = cidr.split('/');
    const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
    cidrs.set(cidr, list);
  }
  return list;
}
