// `--filter TEXT`: the filter language read as the app's filter bar reads it (src-shared/filter),
// or a message naming the option and what is wrong with the text.
import type { FilterClause } from '../../src-shared/filter/clauses.js';
import { parseFilter } from '../../src-shared/filter/parse.js';

export function filterOption(text: string): FilterClause[];
export function filterOption(text: string | undefined): FilterClause[] | undefined;
export function filterOption(text: string | undefined): FilterClause[] | undefined {
  if (text === undefined) return undefined;
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(`--filter: ${parsed.error.message}`);
  return parsed.clauses;
}
