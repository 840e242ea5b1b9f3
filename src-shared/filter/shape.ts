// What a filter narrows by, asked one way: which table can answer it (the rollups, the per-pair
// rollup, the stored per-IP scores) and whether an index walk serves a page all depend on it. Any
// field not listed counts against, so a field added to the filter later goes to the sessions table
// (exact, if slower) until someone says a rollup can answer it.
import type { SessionFilter } from '../domain.js';
import type { ClauseField } from './clauses.js';

/**
 * True when the filter narrows by these fields only (absent, undefined or empty ones do not count),
 * and its language clauses only by `clauseFields`. The core's scoped filter may carry more keys
 * (`unfinishedImports`): list them where the answer's source already leaves that out.
 */
export function filterOnlyUses(
  filter: SessionFilter,
  fields: readonly string[],
  clauseFields: readonly ClauseField[] = [],
): boolean {
  const { clauses = [], ...rest } = filter;
  return (
    clauses.every((clause) => clauseFields.includes(clause.field)) &&
    Object.entries(rest).every(
      ([key, value]) =>
        value === undefined || (Array.isArray(value) && value.length === 0) || fields.includes(key),
    )
  );
}
