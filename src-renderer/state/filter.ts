// The global filter every view reads: a time range and the filter-language text, parsed once here.
// Views call useSessionFilter() for the SessionFilter to send to the API.
import { useMemo } from 'react';
import type { SessionFilter } from '../../src-shared/domain.js';
import {
  type FilterClause,
  type FilterError,
  type FilterField,
  MAX_VALUE_LENGTH,
  parseFilter,
  serializeClause,
  withoutTerm,
} from '../../src-shared/filter/index.js';
import { formatCount } from '../format.js';
import { addressStep } from '../hooks/view-address.js';
import { createStore, useStore } from './store.js';

export interface TimeRange {
  from?: number;
  to?: number;
}

export interface GlobalFilter {
  /** The filter text every view shows: a text that does not parse never replaces it. */
  text: string;
  range: TimeRange;
  /** The clauses of `text`. */
  clauses: FilterClause[];
  /** Why the last text offered was refused (the views still show `text`), or null. */
  error: FilterError | null;
  /**
   * Why the last term a click added (a pivot: a top user agent, a cell's value) was not applied,
   * shown under the bar until the filter or its text changes: a click must never do nothing.
   */
  refused: string | null;
}

export const filterStore = createStore<GlobalFilter>({
  text: '',
  range: {},
  clauses: [],
  error: null,
  refused: null,
});

/** Every change of the filter is the analyst's (a view following its address says so after): Back undoes it. */
export function setFilterText(text: string): void {
  // The same filter again (Enter on an unchanged text, a view following an address it wrote
  // itself) changes nothing: a new object would make the views that watch the filter start over
  // (Triage's focus back to its top row, its selection dropped).
  const now = filterStore.get();
  if (text === now.text && now.error === null && now.refused === null) return;
  const parsed = parseFilter(text);
  if (parsed.ok) addressStep();
  filterStore.set((current) =>
    parsed.ok
      ? { ...current, text, clauses: parsed.clauses, error: null, refused: null }
      : { ...current, error: parsed.error, refused: null },
  );
}

/** Forgets why a click's term was refused (the analyst typed, say). */
export function dismissRefusal(): void {
  if (filterStore.get().refused !== null) filterStore.set((current) => ({ ...current, refused: null }));
}

/** Why a click's term cannot join the filter, in words that say what to do instead. */
function refusalOf(clause: FilterClause, error: FilterError): string {
  const long = clause.values.find(
    (value) => (value.kind === 'text' || value.kind === 'exact') && value.value.length > MAX_VALUE_LENGTH,
  );
  if (long && 'value' in long && typeof long.value === 'string')
    return (
      `a filter term holds at most ${MAX_VALUE_LENGTH} characters, and this value has ` +
      `${formatCount(long.value.length)}: filter by a part of it instead (${clause.field}:…)`
    );
  return error.message;
}

export function setTimeRange(range: TimeRange): void {
  const now = filterStore.get();
  if (range.from === now.range.from && range.to === now.range.to && now.refused === null) return;
  addressStep();
  filterStore.set((current) => ({ ...current, range, refused: null }));
}

/**
 * Adds a term from a chart click (`country:US`) unless the filter already has it. A term the
 * filter cannot take (a value over MAX_VALUE_LENGTH, a filter grown past its length) leaves the
 * filter as it is and says why (`refused`).
 */
export function addFilterTerm(clause: FilterClause): void {
  const term = serializeClause(clause);
  const { text } = filterStore.get();
  if (` ${text} `.includes(` ${term} `)) return;
  const next = text.trim() ? `${text.trim()} ${term}` : term;
  const parsed = parseFilter(next);
  if (!parsed.ok) {
    const refused = refusalOf(clause, parsed.error);
    filterStore.set((current) => ({ ...current, refused }));
    return;
  }
  setFilterText(next);
}

/** Takes every term of `field` out of the filter (a refused one, say), the others kept as typed. */
export function removeFilterTerm(field: FilterField): void {
  setFilterText(withoutTerm(filterStore.get().text, field));
}

export function toSessionFilter(filter: GlobalFilter): SessionFilter {
  return {
    ...(filter.range.from !== undefined ? { from: filter.range.from } : {}),
    ...(filter.range.to !== undefined ? { to: filter.range.to } : {}),
    ...(filter.clauses.length ? { clauses: filter.clauses } : {}),
  };
}

export function useGlobalFilter(): GlobalFilter {
  return useStore(filterStore);
}

/** The filter to send to the API; a new object only when the range or the clauses change. */
export function useSessionFilter(): SessionFilter {
  const { range, clauses } = useStore(filterStore);
  return useMemo(
    () => toSessionFilter({ text: '', range, clauses, error: null, refused: null }),
    [range, clauses],
  );
}
