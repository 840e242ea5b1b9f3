// Clauses → filter text that parses back to the same clauses (chart clicks add clauses this way).
import type { FilterClause, FilterValue } from './clauses.js';
import { fixedValues, termNamed } from './fields.js';
import { starIsPattern } from './presence.js';

const BARE = /^[^\s,"]+$/;

const quoted = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** A field value stands bare unless it holds a space, comma or quote. */
export function quoteValue(value: string): string {
  return BARE.test(value) ? value : quoted(value);
}

/**
 * Free text must also not start with "-" or look like "name:", or it would parse as something else;
 * nor be the bare name of a term with fixed values (`flagged`), which the parser refuses (parse.ts).
 */
function quoteFreeText(value: string): string {
  const field = termNamed(value.toLowerCase());
  const fieldAlone = field !== null && fixedValues(field) !== null;
  return BARE.test(value) && !/^-|^[A-Za-z_]+:/.test(value) && !fieldAlone ? value : quoted(value);
}

/** One value as the filter text writes it in a term (`=` before an exact one, quotes where needed). */
export function valueText(value: FilterValue): string {
  switch (value.kind) {
    case 'text':
      // A bare value starting with `=` would read as an exact one.
      return value.value.startsWith('=') ? quoted(value.value) : quoteValue(value.value);
    case 'exact':
      return `=${quoteValue(value.value)}`;
    case 'ip':
      return quoteValue(value.value);
    case 'cidr':
      return `${value.base}/${value.prefix}`;
    case 'cmp':
      return `${value.op === '=' ? '' : value.op}${value.value}`;
    case 'range':
      return `${value.min}..${value.max}`;
    case 'any':
      return '*';
  }
}

/**
 * A value in a term of `field`: a text `*` is quoted where a bare `*` is a presence term
 * (presence.ts), so `type:"*"` reads back as the text it was; `sigma:*` stays its pattern.
 */
function termValueText(field: FilterClause['field'], value: FilterValue): string {
  const star = value.kind === 'text' && value.value === '*';
  return star && field !== 'text' && !starIsPattern(field) ? quoted('*') : valueText(value);
}

export function serializeClause(clause: FilterClause): string {
  const sign = clause.negate ? '-' : '';
  if (clause.field === 'text')
    return (
      sign + clause.values.map((v) => quoteFreeText(v.kind === 'text' ? v.value : valueText(v))).join(' ')
    );
  const { field } = clause;
  return `${sign}${field}:${clause.values.map((value) => termValueText(field, value)).join(',')}`;
}

export function serializeFilter(clauses: readonly FilterClause[]): string {
  return clauses.map(serializeClause).join(' ');
}
