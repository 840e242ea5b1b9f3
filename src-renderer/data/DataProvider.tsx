// Gives every view the query store, and keeps it current with the core's events.
import { QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ChangeReason, QueryOperation } from '../../src-shared/data-changes.js';
import { transport } from '../api/index.js';
import { applyChange, applyEvent, type DataStores } from './apply-event.js';
import { ChangeCounts } from './change-counts.js';
import { createQueryClient } from './query-client.js';

const Stores = createContext<DataStores | null>(null);

function useStores(): DataStores {
  const stores = useContext(Stores);
  if (!stores) throw new Error('A view that asks the core must be inside <DataProvider>.');
  return stores;
}

/** `stores` lets a test look inside; the app makes its own. */
export function DataProvider({ children, stores }: { children: ReactNode; stores?: DataStores }) {
  const [mine] = useState<DataStores>(
    () => stores ?? { client: createQueryClient(), counts: new ChangeCounts() },
  );
  useEffect(() => transport.onEvent((event) => applyEvent(mine, event)), [mine]);
  return (
    <QueryClientProvider client={mine.client}>
      <Stores.Provider value={mine}>{children}</Stores.Provider>
    </QueryClientProvider>
  );
}

/** How many times `name`'s answers were put out of date (see ChangeCounts). */
export function useChangeCount(name: QueryOperation): number {
  const { counts } = useStores();
  return useSyncExternalStore(counts.subscribe, () => counts.count(name));
}

/**
 * For a change the page made itself that the core announces to no one (making a run active):
 * puts out of date what that change does, as its event would.
 */
export function useApplyChange(): (reason: ChangeReason) => void {
  const stores = useStores();
  return (reason) => applyChange(stores, reason);
}
