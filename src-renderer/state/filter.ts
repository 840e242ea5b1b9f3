// The global filter every view reads: a time range and the filter-language text, parsed once here.
// Views call useSessionFilter() for the SessionFilter to send to the API.
import { useMemo } from 'react';
import type { SessionFilter } from '../../src-shared/domain.js';
import {
  type FilterClause,
  type FilterError,
  type FilterField,
  parseFilter,
  serializeClause,
  withoutTerm,
} from '../../src-shared/filter/index.js';
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
}

export const filterStore = createStore<GlobalFilter>({ text: '', range: {}, clauses: [], error: null });

export function setFilterText(text: string): void {
  const parsed = parseFilter(text);
  filterStore.set((current) =>
    parsed.ok
      ? { ...current, text, clauses: parsed.clauses, error: null }
      : { ...current, error: parsed.error },
  );
}

export function setTimeRange(range: TimeRange): void {
  filterStore.set((current) => ({ ...current, range }));
}

/** Adds a term from a chart click (`country:US`) unless the filter already has it. */
export function addFilterTerm(clause: FilterClause): void {
  const term = serializeClause(clause);
  const { text } = filterStore.get();
  if (` ${text} `.includes(` ${term} `)) return;
  setFilterText(text.trim() ? `${text.trim()} ${term}` : term);
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
  return useMemo(() => toSessionFilter({ text: '', range, clauses, error: null }), [range, clauses]);
}
