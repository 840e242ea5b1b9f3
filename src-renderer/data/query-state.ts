import type { UseQueryResult } from '@tanstack/react-query';

/** What a chart or list needs from a question: the answer (kept while reloading), and why it is blank. */
export interface QueryState<T> {
  data: T | null;
  /** True while the question is being asked (again). */
  loading: boolean;
  error: string | null;
}

export function queryState<T>(result: UseQueryResult<T, Error>): QueryState<T> {
  return { data: result.data ?? null, loading: result.isFetching, error: result.error?.message ?? null };
}

/** One part of an answer, with the whole answer's loading and error (the Overview's charts). */
export function partOf<T, P>(state: QueryState<T>, part: (data: T) => P): QueryState<P> {
  return { ...state, data: state.data === null ? null : part(state.data) };
}
