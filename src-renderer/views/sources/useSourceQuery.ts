// A question to a remote source that can be stopped on the engine: each request carries a fresh
// ticket (not part of the key the answer is kept under, so the answer is kept until the source or
// the filter changes), and when TanStack Query gives the request up (Cancel, or a new filter or
// source while it runs, which leaves it without a view) cancelSourceQuery kills it on the server,
// so an abandoned GROUP BY over billions of rows does not go on running there. A filter with a term
// only the local workspace knows (sigma:, verdict: …) is not asked at all: the source would refuse
// it, and asking again would not help; the view says so (`refusal`) and offers the fixes.
import { type UseQueryResult, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, ResultOf } from '../../../src-shared/api.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { workspaceOnlyTermOf } from '../../../src-shared/filter/workspace-only.js';
import { type Refusal, RefusedError } from '../../../src-shared/refusal.js';
import { api } from '../../api/index.js';

export type SourceQueryName = 'sourceOverview' | 'sourceGraphEdges' | 'sourceSessions';

export interface SourceQuery<K extends SourceQueryName> {
  result: UseQueryResult<ResultOf<K>, Error>;
  /** Milliseconds since the running question was asked, ticking while it runs; null when idle. */
  elapsed: number | null;
  /** True after Cancel, until the question is asked again. */
  cancelled: boolean;
  /**
   * After Cancel: null while the core stops the query on the engine, then whether it said so
   * (false: the cancel did not reach the core, the query may still run there).
   */
  stopConfirmed: boolean | null;
  /**
   * Why the source cannot answer this question as asked (a workspace-only term in the filter):
   * seen here before asking, or said by the core. Asking again would not help.
   */
  refusal: Refusal | null;
  cancel(): void;
  askAgain(): void;
}

export function useSourceQuery<K extends SourceQueryName>(
  name: K,
  args: Omit<ArgsOf<K>, 'ticket'>,
  enabled = true,
): SourceQuery<K> {
  const client = useQueryClient();
  const queryKey = [name, args] as const;
  const keyText = JSON.stringify(queryKey);
  const [cancelledKey, setCancelledKey] = useState<string | null>(null);
  // The core answers a cancel once the engine has stopped the query (SourceTickets.cancel).
  const [stopped, setStopped] = useState<{ key: string; confirmed: boolean } | null>(null);
  const since = useRef<number | null>(null);
  // The one list the core refuses by (src-shared/filter/workspace-only.ts): known before asking.
  const term = workspaceOnlyTermOf((args as { filter?: SessionFilter }).filter?.clauses);
  const result = useQuery({
    queryKey,
    queryFn: async ({ signal }) => {
      const ticket = crypto.randomUUID();
      const stop = () =>
        void api.cancelSourceQuery({ ticket }).then(
          () => setStopped({ key: keyText, confirmed: true }),
          () => setStopped({ key: keyText, confirmed: false }),
        );
      signal.addEventListener('abort', stop, { once: true });
      since.current = Date.now();
      try {
        const ask = api[name] as (args: ArgsOf<K>) => Promise<ResultOf<K>>;
        return await ask({ ...args, ticket } as ArgsOf<K>);
      } finally {
        signal.removeEventListener('abort', stop);
      }
    },
    enabled: enabled && term === null && cancelledKey !== keyText,
  });
  const elapsed = useElapsed(result.isFetching ? since.current : null);
  const cancel = useCallback(() => {
    setStopped(null);
    setCancelledKey(keyText);
    void client.cancelQueries({ queryKey: JSON.parse(keyText) });
  }, [client, keyText]);
  const askAgain = useCallback(() => {
    setCancelledKey(null);
    void client.invalidateQueries({ queryKey: JSON.parse(keyText) });
  }, [client, keyText]);
  const cancelled = cancelledKey === keyText && !result.isFetching;
  const stopConfirmed = cancelled && stopped?.key === keyText ? stopped.confirmed : null;
  const refusal: Refusal | null =
    term !== null
      ? { kind: 'workspace-only-term', term }
      : result.error instanceof RefusedError
        ? result.error.refusal
        : null;
  return { result, elapsed, cancelled, stopConfirmed, refusal, cancel, askAgain };
}

/** Ticks once a second while a question runs, so the view can say how long it has been waiting. */
function useElapsed(since: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? null : Math.max(0, now - since);
}
