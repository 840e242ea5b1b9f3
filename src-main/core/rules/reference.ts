// The plain way to evaluate Sigma rules, kept as the yardstick the compiled engine is checked
// against (tests: the same hits on generated sessions) and measured against (bench/rules.mjs):
// every rule is its own predicate, built straight from the loaded rule, and every field test
// reads and case-folds the value again and compares it value by value (includes / startsWith /
// an anchored regex for wildcards). Nothing is shared between rules or tests, and there is no
// multi-pattern scan; regexes and CIDR lists are built once, as any sane evaluator would.
// Not used by the app.

import net from 'node:net';
import { spellingsOf } from './decode.js';
import {
  extensionOf,
  isNumberField,
  KEYWORD_FIELDS,
  REQUEST_MARK_FIELDS,
  type RequestRecord,
  type RuleField,
  uriOf,
} from './fields.js';
import { foldCase } from './fold.js';
import { scopeOf } from './logsource.js';
import type { ConditionNode, FieldTest, MatchValue, PatternToken, SigmaRule } from './types.js';

export interface ReferenceHit {
  sessionIndex: number;
  ruleId: string;
}

type Holds = (record: RequestRecord) => boolean;

/** One predicate per rule, in rule order. */
export function compileReference(rules: readonly SigmaRule[]): { id: string; holds: Holds }[] {
  return rules.map((rule) => ({ id: rule.id, holds: ruleHolds(rule) }));
}

export function referenceEvaluate(
  rules: readonly SigmaRule[],
  records: readonly RequestRecord[],
): ReferenceHit[] {
  const compiled = compileReference(rules);
  const hits: ReferenceHit[] = [];
  records.forEach((record, sessionIndex) => {
    for (const rule of compiled) if (rule.holds(record)) hits.push({ sessionIndex, ruleId: rule.id });
  });
  return hits;
}

function ruleHolds(rule: SigmaRule): Holds {
  const selections = new Map(
    rule.selections.map((selection) => {
      const alternatives = selection.alternatives.map((tests) => tests.map(fieldTestHolds));
      const holds: Holds = (record) => alternatives.some((tests) => tests.every((test) => test(record)));
      return [selection.name, holds] as const;
    }),
  );
  const condition = conditionHolds(rule.condition, selections);
  // The logsource's kind of session (logsource.ts): requests, or connections without one.
  const wantsRequest = scopeOf(rule.logsource) === 'request';
  return (record) => isRequest(record) === wantsRequest && condition(record);
}

function isRequest(record: RequestRecord): boolean {
  return REQUEST_MARK_FIELDS.some((field) => {
    const value = fieldValue(record, field);
    return value !== null && value !== '';
  });
}

function conditionHolds(node: ConditionNode, selections: Map<string, Holds>): Holds {
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name) ?? (() => false);
    case 'not': {
      const inner = conditionHolds(node.of, selections);
      return (record) => !inner(record);
    }
    case 'and': {
      const parts = node.of.map((part) => conditionHolds(part, selections));
      return (record) => parts.every((part) => part(record));
    }
    case 'or': {
      const parts = node.of.map((part) => conditionHolds(part, selections));
      return (record) => parts.some((part) => part(record));
    }
    case 'atLeast': {
      const parts = node.names.map((name) => selections.get(name) ?? (() => false));
      return (record) => parts.filter((part) => part(record)).length >= node.count;
    }
  }
}

function fieldTestHolds(test: FieldTest): Holds {
  const fields: readonly RuleField[] = test.field === 'keywords' ? KEYWORD_FIELDS : [test.field];
  const perField = fields.map((field) => ({
    field,
    values: test.values.map((spellings) => {
      const tests = spellings.map((value) => valueTest(value, field));
      return (actual: string | number | null) => tests.some((holds) => holds(actual));
    }),
  }));
  return (record) => {
    // Each test reads its fields for itself: nothing is shared with the other tests.
    // A URL field's value as logged and its percent-decoded spellings (decode.ts): a test holds
    // on any of them.
    const actual = perField.map(({ field }) => {
      const value = fieldValue(record, field);
      return typeof value === 'string' ? spellingsOf(value, field) : [value];
    });
    const valueHolds = (index: number) =>
      perField.some(({ values }, f) =>
        (actual[f] ?? [null]).some((spelling) =>
          (values[index] as (value: string | number | null) => boolean)(spelling),
        ),
      );
    return test.combine === 'all'
      ? test.values.every((_, index) => valueHolds(index))
      : test.values.some((_, index) => valueHolds(index));
  };
}

export function fieldValue(record: RequestRecord, field: RuleField): string | number | null {
  if (field === 'uri') return uriOf(record.path, record.query);
  if (field === 'uriExtension') return extensionOf(record.path);
  const value = (record as Record<string, string | number | null | undefined>)[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isNaN(value)) return null;
  return value;
}

type ValueTest = (actual: string | number | null) => boolean;

function valueTest(value: MatchValue, field: RuleField): ValueTest {
  switch (value.type) {
    case 'exists':
      return (actual) => (actual !== null) === value.present;
    case 'null':
      return (actual) => actual === null || actual === '';
    case 'number': {
      if (value.op === 'eq' && !isNumberField(field)) {
        const text = foldCase(String(value.value));
        return (actual) => actual !== null && foldCase(String(actual)) === text;
      }
      const { op, value: bound } = value;
      return (actual) => {
        if (actual === null) return false;
        const text = String(actual);
        const number = typeof actual === 'number' ? actual : text.trim() === '' ? Number.NaN : Number(text);
        if (op === 'eq') return number === bound;
        if (op === 'lt') return number < bound;
        if (op === 'lte') return number <= bound;
        if (op === 'gt') return number > bound;
        return number >= bound;
      };
    }
    case 'text': {
      const matches = patternTest(value.pattern, value.cased);
      return (actual) => actual !== null && matches(value.cased ? String(actual) : foldCase(String(actual)));
    }
    case 'regex': {
      const regex = new RegExp(value.source, value.flags);
      return (actual) => actual !== null && regex.test(String(actual));
    }
    case 'cidr': {
      const list = cidrList(value.cidr);
      return (actual) => {
        if (actual === null) return false;
        const family = net.isIP(String(actual));
        return family !== 0 && list.check(String(actual), family === 6 ? 'ipv6' : 'ipv4');
      };
    }
  }
}

/** A test of an already folded (or, cased, raw) value against a Sigma pattern. */
function patternTest(pattern: readonly PatternToken[], cased: boolean): (text: string) => boolean {
  const literal = (token: string) => (cased ? token : foldCase(token));
  const star = (token: PatternToken | undefined) =>
    token !== undefined && typeof token !== 'string' && token.wildcard === '*';
  const [first, second, third] = pattern;
  // The common shapes directly; anything else as an anchored regex over the whole value.
  if (pattern.length === 0) return (text) => text === '';
  if (pattern.length === 1 && typeof first === 'string') {
    const want = literal(first);
    return (text) => text === want;
  }
  if (pattern.length === 1 && star(first)) return () => true;
  if (pattern.length === 2 && star(first) && typeof second === 'string') {
    const want = literal(second);
    return (text) => text.endsWith(want);
  }
  if (pattern.length === 2 && typeof first === 'string' && star(second)) {
    const want = literal(first);
    return (text) => text.startsWith(want);
  }
  if (pattern.length === 3 && star(first) && typeof second === 'string' && star(third)) {
    const want = literal(second);
    return (text) => text.includes(want);
  }
  const source = pattern
    .map((token) =>
      typeof token === 'string'
        ? literal(token).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
        : token.wildcard === '*'
          ? '[\\s\\S]*'
          : '[\\s\\S]',
    )
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (text) => regex.test(text);
}

function cidrList(cidr: string): net.BlockList {
  const list = new net.BlockList();
  const [address = '', prefix] = cidr.split('/');
  const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (prefix === undefined) list.addAddress(address, family);
  else list.addSubnet(address, Number(prefix), family);
  return list;
}
