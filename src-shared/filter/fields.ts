// The filter language's vocabulary: every field an analyst may type, what its values look like,
// and one line of help that the autocomplete and the README show. A term that is one column of a
// session comes from the field table (src-shared/fields); the few that are not are listed here.
import {
  CLASS_TERM_FIELDS,
  type ClassTerm,
  type FieldTerm,
  type FilterTermDef,
  TERM_FIELDS,
  type TermKind,
} from '../fields/index.js';
import { RULE_LEVELS } from '../rule-levels.js';

export type FieldKind = TermKind | 'verdict' | 'level' | 'flag';

export interface FieldSpec {
  kind: FieldKind;
  help: string;
  example: string;
  /** Inclusive bounds for number fields. */
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** `5xx` stands for 500..599, a class 1xx to 5xx (FilterTermDef.hundreds). */
  hundreds?: boolean;
  /** A text field matched by its start (`*` a wildcard) or any part, in any case (FilterTermDef). */
  match?: 'prefix' | 'substring';
  /** The values a `choice` term accepts. */
  values?: readonly string[];
}

/**
 * Terms that are not one column: both endpoints at once, the active models' scores, whether the
 * detection set flagged the session (src-shared/detection-set.ts), the analyst's verdict, and the
 * detection-rule hits of a session (db/filter-sql.ts asks each its own way). `order` places them
 * among the field table's terms. `rule:` stays the rule name the log gave (CloudWatch, WAF): a
 * hit of Vigil's rules is `sigma:`, so neither term means two things.
 */
const OWN_TERMS = {
  ip: { order: 30, spec: { kind: 'ip', help: 'either endpoint', example: 'ip:203.0.113.7' } },
  score: {
    order: 160,
    spec: {
      kind: 'number',
      help: 'anomaly score of the active model',
      example: 'score:>=0.8',
      min: 0,
      max: 1,
    },
  },
  flagged: {
    order: 165,
    spec: {
      kind: 'flag',
      help: 'flagged by the detection set (active runs + rule hits at its level): yes or no',
      example: 'flagged:yes',
    },
  },
  verdict: { order: 170, spec: { kind: 'verdict', help: 'analyst verdict', example: 'verdict:none' } },
  kind: {
    order: 172,
    spec: {
      kind: 'text',
      help: 'kind of threat an active threat-type model flagged the session as',
      example: 'kind:brute_force',
    },
  },
  sigma: {
    order: 175,
    spec: {
      kind: 'text',
      help: 'a detection rule hit: rule title (any part, any case; * any run, so sigma:* is any hit; =… the whole title) or id (a Suricata signature id alone too)',
      example: 'sigma:"SQL injection"',
      match: 'substring',
    },
  },
  level: {
    order: 176,
    spec: {
      kind: 'level',
      help: `rule hit level (${RULE_LEVELS.join(', ')}; >=high for that level or above)`,
      example: 'level:>=high',
    },
  },
} as const satisfies Record<string, { order: number; spec: FieldSpec }>;

export type FilterField = FieldTerm | ClassTerm | keyof typeof OWN_TERMS;

function specOf({
  kind,
  help,
  example,
  min,
  max,
  integer,
  hundreds,
  match,
  values,
}: FilterTermDef): FieldSpec {
  return {
    kind,
    help,
    example,
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...(integer === undefined ? {} : { integer }),
    ...(hundreds === undefined ? {} : { hundreds }),
    ...(match === undefined ? {} : { match }),
    ...(values === undefined ? {} : { values }),
  };
}

const TERMS: { term: string; order: number; spec: FieldSpec }[] = [
  ...TERM_FIELDS.map(({ filter }) => ({ term: filter.term, order: filter.order, spec: specOf(filter) })),
  ...CLASS_TERM_FIELDS.map(({ valueClass: { filter } }) => ({
    term: filter.term,
    order: filter.order,
    spec: specOf(filter),
  })),
  ...Object.entries(OWN_TERMS).map(([term, { order, spec }]) => ({ term, order, spec })),
].sort((a, b) => a.order - b.order);

/** Every term in vocabulary order. */
export const FILTER_FIELDS = Object.fromEntries(TERMS.map(({ term, spec }) => [term, spec])) as Readonly<
  Record<FilterField, FieldSpec>
>;

export const FIELD_NAMES = Object.keys(FILTER_FIELDS) as FilterField[];
export const VERDICTS = ['malicious', 'benign', 'review', 'none'] as const;
/** The values of `flagged:`. */
export const FLAG_VALUES = ['yes', 'no'] as const;

/**
 * The values a term takes from a list the language itself knows (yes/no, a verdict, a level, a
 * choice), or null for a term whose values come from the data. Suggestions offer them; the parser
 * names them in its hints.
 */
export function fixedValues(field: FilterField): readonly string[] | null {
  const spec = FILTER_FIELDS[field];
  if (spec.kind === 'flag') return FLAG_VALUES;
  if (spec.kind === 'verdict') return VERDICTS;
  if (spec.kind === 'level') return RULE_LEVELS;
  return spec.values ?? null;
}

/** Other names of terms (`status` for `code`), from the field table: each parses as its term. */
export const FIELD_ALIASES: Readonly<Record<string, FilterField>> = Object.fromEntries(
  TERM_FIELDS.flatMap(({ filter }) =>
    'aliases' in filter ? filter.aliases.map((alias) => [alias, filter.term as FilterField]) : [],
  ),
);

export function isFilterField(name: string): name is FilterField {
  return Object.hasOwn(FILTER_FIELDS, name);
}

/** The term a typed name (lower case) stands for, through its aliases; null for no term. */
export function termNamed(name: string): FilterField | null {
  if (isFilterField(name)) return name;
  return Object.hasOwn(FIELD_ALIASES, name) ? (FIELD_ALIASES[name] as FilterField) : null;
}

/**
 * Whether `=` before a value of this term says "the whole value" (`path:=/login`): for every term
 * but a number or a level, whose `=` is a comparison (`code:=404`).
 */
export const equalsMeansWhole = (spec: FieldSpec): boolean => spec.kind !== 'number' && spec.kind !== 'level';

export function fieldSpec(field: FilterField): FieldSpec {
  return FILTER_FIELDS[field];
}
