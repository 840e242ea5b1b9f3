// One value shown somewhere (a table cell, a panel) as the filter clause that keeps — or, negated,
// drops — the sessions with that value (for a pattern field such as `path:` or `ua:`, the sessions
// whose value starts with or contains it, as the term itself matches). The pivots ("Filter for / out this value") build
// their terms here so that quoting and negation follow the language (serialize.ts writes the text).
import type { FilterClause, FilterValue } from './clauses.js';
import { type FilterField, fieldSpec } from './fields.js';

function filterValue(field: FilterField, value: string | number): FilterValue {
  const { kind } = fieldSpec(field);
  if (kind === 'number') return { kind: 'cmp', op: '=', value: Number(value) };
  if (kind === 'ip') return { kind: 'ip', value: String(value) };
  return { kind: 'text', value: String(value) };
}

/** `field:value`, or `-field:value` when `negate`: the clause for one exact value of a field. */
export function valueClause(field: FilterField, value: string | number, negate: boolean): FilterClause {
  return { field, negate, values: [filterValue(field, value)] };
}
