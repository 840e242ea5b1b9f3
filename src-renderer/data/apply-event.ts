// Turns the core's events into what the page asks again, through the one table that says which
// change puts which operation's answers out of date (src-shared/data-changes.ts).
import type { QueryClient } from '@tanstack/react-query';
import type { VigilEvent } from '../../src-shared/api.js';
import {
  type ChangeReason,
  INVALIDATES,
  jobInvalidates,
  type QueryOperation,
} from '../../src-shared/data-changes.js';
import type { ChangeCounts } from './change-counts.js';

export interface DataStores {
  client: QueryClient;
  counts: ChangeCounts;
}

/**
 * Answers on screen are asked again (and shown until the new answer comes); answers no view shows
 * are forgotten, so a view that comes back asks afresh rather than show them for a moment.
 */
export function invalidate({ client, counts }: DataStores, names: readonly QueryOperation[]): void {
  if (names.length === 0) return;
  const unique = new Set(names);
  for (const name of unique) {
    client.removeQueries({ queryKey: [name], type: 'inactive' });
    void client.invalidateQueries({ queryKey: [name] });
  }
  counts.bump(unique);
}

export function applyChange(stores: DataStores, reason: ChangeReason): void {
  invalidate(stores, INVALIDATES[reason]);
}

export function applyEvent(stores: DataStores, event: VigilEvent): void {
  if (event.type === 'data-changed') applyChange(stores, event.reason);
  else invalidate(stores, jobInvalidates(event.job));
}
