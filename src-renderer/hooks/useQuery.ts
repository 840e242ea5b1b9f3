import { useEffect, useState } from 'react';
import { useVigilEvents } from './useVigilEvents.js';

export interface QueryState<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

/**
 * Runs `load` when `key` changes and whenever the core says data changed (an import landed, a
 * model was scored); answers that arrive after a newer request started are dropped.
 */
export function useQuery<T>(key: string, load: () => Promise<T>): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ data: null, loading: true, error: null });
  const [version, setVersion] = useState(0);
  useVigilEvents((event) => {
    if (event.type === 'data-changed') setVersion((v) => v + 1);
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` reads.
  useEffect(() => {
    let live = true;
    setState((current) => ({ ...current, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false, error: null }),
      (error: Error) => live && setState((current) => ({ ...current, loading: false, error: error.message })),
    );
    return () => {
      live = false;
    };
  }, [key, version]);
  return state;
}
