// What a loaded Sigma rule is once Vigil has read and checked it. Everything here is plain data
// (no RegExp, no Map), so loaded rules can be posted to a worker thread and compiled there.

import type { RuleField } from './fields.js';

export const RULE_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** One piece of a Sigma string value: literal text, `*` (any run, even empty) or `?` (one character). */
export type PatternToken = string | { wildcard: '*' | '?' };

/**
 * One value a field is tested against, with its modifiers already applied: `text` values are
 * wildcard patterns (contains / startswith / endswith became `*` around them), compared in any
 * case unless `cased`.
 */
export type MatchValue =
  | { type: 'text'; pattern: PatternToken[]; cased: boolean }
  /** A YAML number: numeric equality on a number field, the number's text on a text field. */
  | { type: 'number'; op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'; value: number }
  /** `re`: a JavaScript regular expression source and flags (i, m, s), searched anywhere in the value. */
  | { type: 'regex'; source: string; flags: string }
  | { type: 'cidr'; cidr: string }
  /** `field: null`: the field is missing or empty. */
  | { type: 'null' }
  /** `field|exists: true|false`. */
  | { type: 'exists'; present: boolean };

/** `field|modifiers: values` of a selection, against Vigil's field (or `keywords`: the request's text). */
export interface FieldTest {
  /** Vigil's field, or 'keywords' for a keyword list (any of KEYWORD_FIELDS). */
  field: RuleField | 'keywords';
  /** The name as the rule wrote it (with its modifiers), for messages. */
  written: string;
  /**
   * Each value the rule wrote, as the spellings that stand for it (one, or several after windash,
   * base64offset or an empty text): any spelling of a value is that value.
   */
  values: MatchValue[][];
  /** `any`: one value is enough (Sigma's default); `all`: the `all` modifier. */
  combine: 'any' | 'all';
}

/** A search identifier: alternatives (a list of maps, or one map), each an AND of field tests. */
export interface Selection {
  name: string;
  alternatives: FieldTest[][];
  line: number;
}

export type ConditionNode =
  | { kind: 'ref'; name: string }
  | { kind: 'not'; of: ConditionNode }
  | { kind: 'and'; of: ConditionNode[] }
  | { kind: 'or'; of: ConditionNode[] }
  /** `N of pattern` / `all of them`, with the pattern already resolved to identifiers. */
  | { kind: 'atLeast'; count: number; names: string[] };

export interface Logsource {
  category: string | null;
  product: string | null;
  service: string | null;
}

export interface SigmaRule {
  /** The rule's `id` as written (in lower case), or derived from its file and title (derived-id.ts). */
  id: string;
  /**
   * true when the rule wrote no id and `id` was derived; left out otherwise, so the stored rules
   * (and the content hash of a set) of rules with written ids are what they were before.
   */
  derivedId?: true;
  title: string;
  /** null: the rule sets no level (Sigma makes it optional); it is ranked with informational. */
  level: RuleLevel | null;
  status: string | null;
  description: string | null;
  author: string | null;
  tags: string[];
  falsepositives: string[];
  references: string[];
  logsource: Logsource;
  selections: Selection[];
  condition: ConditionNode;
  /** Where the rule is: its file and the line its document starts on. */
  file: string;
  line: number;
}

/**
 * Why a rule was not loaded. `invalid`: the file or rule is malformed; `unsupported`: it uses a
 * part of Sigma that Vigil does not evaluate; `not-applicable`: its logsource is not data Vigil
 * has (web requests, proxies, firewalls).
 */
export interface RuleRefusal {
  file: string;
  line: number;
  kind: 'invalid' | 'unsupported' | 'not-applicable';
  reason: string;
  ruleId: string | null;
  title: string | null;
}

export interface LoadResult {
  rules: SigmaRule[];
  refused: RuleRefusal[];
  /** How many files were read. */
  files: number;
}

/** A rule that matched a session: which session of the batch, the rule, and what matched. */
export interface RuleHit {
  sessionIndex: number;
  ruleId: string;
  title: string;
  level: RuleLevel | null;
  /** Vigil's field whose value matched (null when only a negation made the rule true). */
  field: string | null;
  /** The part of that field's value that matched, as the data has it, for highlighting. */
  value: string | null;
}
