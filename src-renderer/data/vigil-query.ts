// One way for a view to ask the core a question and keep the answer: TanStack Query, keyed by
// [operation, args]. Late answers to older arguments are dropped, one question asked by several
// components is sent once, and a `data-changed` event re-asks exactly what it made out of date.
import { keepPreviousData, type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { ArgsOf, ResultOf } from '../../src-shared/api.js';
import type { QueryOperation } from '../../src-shared/data-changes.js';
import { api } from '../api/index.js';
import { queryKey } from './query-key.js';

export interface VigilQueryOptions {
  /** False holds the question back (nothing to ask about yet). */
  enabled?: boolean;
  /**
   * While the answer to new arguments loads, keep showing the last one (the default), or show
   * nothing (false), so a fast analyst never reads the previous IP's data under the new IP.
   */
  keepPrevious?: boolean;
}

export function useVigilQuery<K extends QueryOperation>(
  name: K,
  args: ArgsOf<K>,
  { enabled = true, keepPrevious = true }: VigilQueryOptions = {},
): UseQueryResult<ResultOf<K>, Error> {
  return useQuery({
    queryKey: queryKey(name, args),
    queryFn: () => (api[name] as (args: ArgsOf<K>) => Promise<ResultOf<K>>)(args),
    enabled,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}
