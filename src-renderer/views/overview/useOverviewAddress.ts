// Keeps the filter in the Overview's address (`#/overview?q=…&from=…&to=…`, sessions-hash.ts), so a
// chart click or a brush that narrows the filter is a step Back undoes (view-address.ts decides),
// coming back to the Overview as it was before. The Overview used to leave the filter out of its
// address: Back from a narrowed Overview left the app, the filter still narrowed.
import { useEffect } from 'react';
import { addressFollowed, addressIsWhole, writeViewAddress } from '../../hooks/view-address.js';
import { setFilterText, setTimeRange, useGlobalFilter } from '../../state/filter.js';
import type { SortState } from '../sessions/SortHeader.js';
import { isSessionsAddress, readSessionsHash, sessionsHash } from '../sessions/sessions-hash.js';

const ROUTE = '#/overview';
// The Overview has no sort of its own: the address's sort is left at its default, hence unwritten.
const NO_SORT: SortState = { field: 'startTs', direction: 'desc' };

/** The Overview is also the page with no address at all (the sign-in lands on `/`). */
const isOverviewAddress = (hash: string) => hash === '' || isSessionsAddress(hash, ROUTE);

export function useOverviewAddress(): void {
  const { text, range } = useGlobalFilter();

  useEffect(() => {
    const follow = () => {
      const hash = window.location.hash;
      if (!isOverviewAddress(hash)) return addressFollowed();
      const whole = addressIsWhole();
      const asked = readSessionsHash(hash, ROUTE) ?? {};
      if (asked.q !== undefined || whole) setFilterText(asked.q ?? '');
      if (asked.range || whole) setTimeRange(asked.range ?? {});
      addressFollowed();
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const hash = sessionsHash({ text, range, sort: NO_SORT, open: null }, NO_SORT, ROUTE);
  useEffect(() => {
    const current = window.location.hash;
    // Only while the address is the Overview's: a click to another view must not be written over.
    if (!isOverviewAddress(current)) return;
    // The sign-in's bare page stays bare until the filter says something.
    writeViewAddress(current === '' && hash === ROUTE ? '' : hash);
  }, [hash]);
}
