// The rows triage works on: the flag queue page, or a "label next" batch. They are asked through the
// query store, so a change the core announces asks them again (src-shared/data-changes.ts; a batch
// stays put), and handed to the view's state (triage-state.ts) only when trusted: a flag queue read
// is read again until no action was in flight or sent while it ran (action-ledger.ts).
import { useQuery } from '@tanstack/react-query';
import { type Dispatch, useEffect, useRef } from 'react';
import type { ResultOf } from '../../../src-shared/api.js';
import type { FlagQueuePage, LabelSuggestion, QueueItem, TriageFilter } from '../../../src-shared/triage.js';
import { api } from '../../api/index.js';
import { queryKey } from '../../data/query-key.js';
import type { ActionLedger } from './action-ledger.js';
import { QUEUE_PAGE, type TriageEvent } from './triage-state.js';

export interface QueueQuery {
  runId?: number;
  filter: TriageFilter;
  groupBySrcIp: boolean;
  offset: number;
  /** Show the sessions the supervised model would learn most from instead of the flag queue. */
  labelNext: boolean;
}

type LabelNextResult = ResultOf<'labelNext'>;

export const LABEL_BATCH = 50;

const suggestionItem = (s: LabelSuggestion): QueueItem => ({
  session: s.session,
  score: s.score,
  explanation: null,
  verdict: null,
  tags: [],
  ioc: [],
});

const batchPage = (r: LabelNextResult): FlagQueuePage => ({
  run: r.run,
  items: r.items.map(suggestionItem),
  total: r.items.length,
  groups: [],
});

/** Asks for the rows of `query`; returns how to ask for another "label next" batch. */
export function useQueue(query: QueueQuery, ledger: ActionLedger, dispatch: Dispatch<TriageEvent>) {
  const { runId, filter, groupBySrcIp, offset, labelNext } = query;
  const flagArgs = { runId, filter, groupBySrcIp, offset, limit: QUEUE_PAGE };
  const batchArgs = { runId, count: LABEL_BATCH, perSourceIp: 2 };
  const asked = useQuery<FlagQueuePage | LabelNextResult, Error>({
    queryKey: labelNext ? queryKey('labelNext', batchArgs) : queryKey('flagQueue', flagArgs),
    queryFn: ({ signal }) =>
      labelNext ? api.labelNext(batchArgs) : ledger.readAfterActions(() => api.flagQueue(flagArgs), signal),
    // Every answer is a new object, so each one reaches the view (and replaces patched rows).
    structuralSharing: false,
  });

  // An answer is shown once asking is over: a kept answer to other arguments waits for the fresh
  // one, and a failed reload leaves the rows (and the analyst's actions on them) as they are.
  const shown = useRef<unknown>(null);
  const { data, isFetching, isSuccess, error } = asked;
  useEffect(() => {
    if (isFetching || !isSuccess || data === shown.current) return;
    shown.current = data;
    const page = labelNext ? batchPage(data as LabelNextResult) : (data as FlagQueuePage);
    dispatch({ type: 'loaded', page, labelNext });
  }, [data, isFetching, isSuccess, labelNext, dispatch]);
  useEffect(() => {
    if (error) dispatch({ type: 'error', error: error.message });
  }, [error, dispatch]);

  return { nextBatch: () => void asked.refetch() };
}
