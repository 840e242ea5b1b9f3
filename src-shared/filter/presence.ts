// Presence terms: `FIELD:*` keeps the sessions where the field has a value, `-FIELD:*` those where
// it has none (however the store says "none": NULL, or an empty text). A chart's "(no type)" or
// "(unknown)" segment has no value to pivot on; these terms let its click say what it counted.
import { TERM_FIELDS } from '../fields/index.js';
import type { FilterClause } from './clauses.js';
import type { FilterField } from './fields.js';

/** Terms whose `*` keeps the meaning it had before presence terms: a pattern (`sigma:*`, any hit). */
const STAR_IS_PATTERN: ReadonlySet<FilterField> = new Set(['sigma']);

/** Why a term takes no `*`, for those that are not one stored value a session may lack. */
const REFUSED: Partial<Record<FilterField, string>> = {
  ip: 'either endpoint, and every session has a source address; write dst:* or -dst:*',
  score: 'the active model scores every session it ran on; write a comparison, like score:>=0.8',
  flagged: 'every session is flagged or not: write flagged:yes or flagged:no',
  verdict: 'write verdict:none for the sessions without a verdict',
  kind: 'write the kinds, like kind:brute_force',
  level: 'write sigma:* for the sessions with any rule hit',
};

const ALWAYS_SET = new Set(
  TERM_FIELDS.flatMap((field) => (field.nullable ? [] : [field.filter.term as FilterField])),
);

/** Whether `*` on this term is a pattern of its own (not presence). */
export const starIsPattern = (field: FilterField): boolean => STAR_IS_PATTERN.has(field);

/**
 * Why `field:*` is refused, or null when the term takes it. A field every session has (the source
 * address) is refused too: `-src:*` would always answer 0, which reads as a finding.
 */
export function presenceRefusal(field: FilterField): string | null {
  const reason = REFUSED[field];
  if (reason) return `${field}:* is not a term: ${reason}`;
  if (ALWAYS_SET.has(field)) return `${field}:* is not a term: every session has a ${field} value`;
  return null;
}

/** `field:*` (it has a value) or, negated, `-field:*` (it has none). */
export function presenceClause(field: FilterField, negate: boolean): FilterClause {
  return { field, negate, values: [{ kind: 'any' }] };
}

/** The clause is a presence term. */
export const isPresence = (clause: FilterClause): boolean => clause.values.some((v) => v.kind === 'any');
