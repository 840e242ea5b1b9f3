// One value shown somewhere (a table cell, a chart's bar) as the filter clause that keeps — or,
// negated, drops — the sessions with exactly that value: for a pattern term such as `path:` or
// `ua:`, whose bare value is a start or a part, the whole value (`path:=/login`). The pivots
// ("Filter for / out this value", a click on a top list) build their terms here so that quoting
// and negation follow the language (serialize.ts writes the text).
import type { FilterClause, FilterValue } from './clauses.js';
import { type FilterField, fieldSpec } from './fields.js';

function filterValue(field: FilterField, value: string | number): FilterValue {
  const { kind } = fieldSpec(field);
  if (kind === 'number') return { kind: 'cmp', op: '=', value: Number(value) };
  if (kind === 'ip') return { kind: 'ip', value: String(value) };
  return { kind: fieldSpec(field).match ? 'exact' : 'text', value: String(value) };
}

/** `field:value`, or `-field:value` when `negate`: the clause for one exact value of a field. */
export function valueClause(field: FilterField, value: string | number, negate: boolean): FilterClause {
  return { field, negate, values: [filterValue(field, value)] };
}
