// Keeps the global filter in the address of a view without state of its own there (`#/overview?q=…
// &from=…&to=…`, `#/graph?q=…`, `#/triage?q=…`: sessions-hash.ts writes and reads them), so a
// filter applied there (typed, or a chart click or a brush in the Overview) is a step Back undoes
// (view-address.ts decides), coming back to the view as it was before, and a reload or a copied
// address keeps it. These views used to leave the filter out of their address: Back from a narrowed
// view left the app, the filter still narrowed.
import { useEffect } from 'react';
import { setFilterText, setTimeRange, useGlobalFilter } from '../state/filter.js';
import type { SortState } from '../views/sessions/SortHeader.js';
import { isSessionsAddress, readSessionsHash, sessionsHash } from '../views/sessions/sessions-hash.js';
import { addressFollowed, addressIsWhole, writeViewAddress } from './view-address.js';

// These views have no sort of their own: the address's sort is left at its default, hence unwritten.
const NO_SORT: SortState = { field: 'startTs', direction: 'desc' };

/** Whether `hash` is the view's address (the bare page too, for the view it is). */
const isViewAddress = (hash: string, route: string, bare: boolean) =>
  (bare && hash === '') || isSessionsAddress(hash, route);

/**
 * @param route the view's address (`#/graph`)
 * @param bare whether the page with no address at all is this view (the sign-in lands on `/`, the
 *   Overview): it stays bare until the filter says something
 */
export function useFilterAddress(route: string, bare = false): void {
  const { text, range } = useGlobalFilter();

  useEffect(() => {
    const follow = () => {
      const hash = window.location.hash;
      if (!isViewAddress(hash, route, bare)) return addressFollowed();
      const whole = addressIsWhole();
      const asked = readSessionsHash(hash, route) ?? {};
      if (asked.q !== undefined || whole) setFilterText(asked.q ?? '');
      if (asked.range || whole) setTimeRange(asked.range ?? {});
      addressFollowed();
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [route, bare]);

  const hash = sessionsHash({ text, range, sort: NO_SORT, open: null }, NO_SORT, route);
  useEffect(() => {
    const current = window.location.hash;
    // Only while the address is this view's: a click to another view must not be written over.
    if (!isViewAddress(current, route, bare)) return;
    writeViewAddress(bare && current === '' && hash === route ? '' : hash);
  }, [hash, route, bare]);
}
