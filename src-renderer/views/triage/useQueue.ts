// The rows triage works on (the flag queue page, or a "label next" batch), patchable in place so an
// action shows before the core answers. A reload answer is only shown if no action was in flight
// or sent while it ran: one read before the core saw the action would flip the row back for a
// moment. While actions are in flight a reload is held back, and runs once the last one settles.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlagQueuePage, LabelSuggestion, QueueItem, TriageFilter } from '../../../src-shared/triage.js';
import { api } from '../../api/index.js';
import { useVigilEvents } from '../../hooks/useVigilEvents.js';

export interface QueueQuery {
  runId?: number;
  filter: TriageFilter;
  groupBySrcIp: boolean;
  offset: number;
  /** Show the sessions the supervised model would learn most from instead of the flag queue. */
  labelNext: boolean;
  /** Bumped to ask for the next "label next" batch. */
  batch: number;
}

export const QUEUE_PAGE = 100;
export const LABEL_BATCH = 50;

const suggestionItem = (s: LabelSuggestion): QueueItem => ({
  session: s.session,
  score: s.score,
  explanation: null,
  verdict: null,
  tags: [],
  ioc: [],
});

function load(query: QueueQuery): Promise<FlagQueuePage> {
  const { runId, filter, groupBySrcIp, offset } = query;
  if (!query.labelNext) return api.flagQueue({ runId, filter, groupBySrcIp, offset, limit: QUEUE_PAGE });
  return api
    .labelNext({ runId, count: LABEL_BATCH, perSourceIp: 2 })
    .then((r) => ({ run: r.run, items: r.items.map(suggestionItem), total: r.items.length, groups: [] }));
}

export function useQueue(query: QueueQuery) {
  const [page, setPage] = useState<FlagQueuePage | null>(null);
  // Which list `page` holds: right after the mode switches, the old list is still on screen.
  const [pageIsLabelNext, setPageIsLabelNext] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [pending, setPending] = useState(0);
  const inFlight = useRef(0);
  /** Actions sent so far: a reload that saw fewer than were sent when it answers is out of date. */
  const sent = useRef(0);
  const stale = useRef(false);
  // A label-next batch stays put while the analyst labels it: labelled rows would vanish from it.
  const follows = !query.labelNext;
  useVigilEvents((event) => {
    if (event.type !== 'data-changed' || !follows) return;
    if (inFlight.current) stale.current = true;
    else setVersion((v) => v + 1);
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` and `batch` are reload triggers.
  useEffect(() => {
    let live = true;
    const sentBefore = sent.current;
    const busyBefore = inFlight.current > 0;
    load(query)
      .then((result) => {
        if (!live) return;
        // Read while an action was in flight, or before one was sent: the rows may predate it.
        const outdated = busyBefore || sent.current !== sentBefore;
        if (follows && inFlight.current) stale.current = true;
        else if (follows && outdated) setVersion((v) => v + 1);
        else {
          setPage(result);
          setPageIsLabelNext(query.labelNext);
        }
        setError(null);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [query.runId, query.filter, query.groupBySrcIp, query.offset, query.labelNext, query.batch, version]);

  /** Applies a change to the shown rows at once. */
  const patch = useCallback(
    (change: (item: QueueItem) => QueueItem) =>
      setPage((current) => (current ? { ...current, items: current.items.map(change) } : current)),
    [],
  );
  /** Puts earlier versions of rows back (a rollback, or an undo shown before the core answers). */
  const restore = useCallback(
    (earlier: readonly QueueItem[]) => {
      const byId = new Map(earlier.map((item) => [item.session.id, item]));
      patch((item) => byId.get(item.session.id) ?? item);
    },
    [patch],
  );
  /** Counts a call as in flight; the reload held back meanwhile runs once the last one settles. */
  const track = useCallback(<T>(call: Promise<T>): Promise<T> => {
    inFlight.current++;
    sent.current++;
    setPending(inFlight.current);
    const settle = () => {
      inFlight.current--;
      setPending(inFlight.current);
      if (inFlight.current === 0 && stale.current) {
        stale.current = false;
        setVersion((v) => v + 1);
      }
    };
    call.then(settle, settle);
    return call;
  }, []);
  return { page, pageIsLabelNext, error, setError, patch, restore, track, pending };
}

export type Queue = ReturnType<typeof useQueue>;
