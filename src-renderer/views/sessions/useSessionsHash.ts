// Keeps the Sessions view's filter, sort and open session in its address (sessions-hash.ts): a link
// from another view (`#/sessions?q=src:1.2.3.4&from=…&to=…`) sets them, and each change is written
// back (view-address.ts decides whether as a new history entry), so a reload comes back to the same
// rows and drawer, and Back to the filter, sort and drawer before the analyst's last step. Coming
// back to an entry the view wrote restores what its address leaves out as the default (no filter,
// no drawer); a link leaves what it does not name as it is.
import { useEffect, useRef } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { addressFollowed, addressIsWhole, writeViewAddress } from '../../hooks/view-address.js';
import { setFilterText, setTimeRange, useGlobalFilter } from '../../state/filter.js';
import { findAtTime } from './find-at-time.js';
import type { SortState } from './SortHeader.js';
import { isSessionsAddress, readSessionsHash, sessionsHash } from './sessions-hash.js';

interface ViewState {
  sort: SortState;
  setSort: (sort: SortState) => void;
  open: Session | null;
  /** Opens the session a link names (the view brings its row into view, as for no click). */
  openLinked: (session: Session) => void;
  /** Closes the drawer: the address followed names no session. */
  closeLinked: () => void;
  defaultSort: SortState;
}

export function useSessionsHash({
  sort,
  setSort,
  open,
  openLinked,
  closeLinked,
  defaultSort,
}: ViewState): void {
  const { text, range } = useGlobalFilter();
  // Kept in refs so the listener, added once, applies a link with the latest setters.
  const apply = useRef({ setSort, openLinked, closeLinked });
  apply.current = { setSort, openLinked, closeLinked };

  useEffect(() => {
    let live = true;
    const applyHash = () => {
      const hash = window.location.hash;
      if (!isSessionsAddress(hash)) return addressFollowed();
      const whole = addressIsWhole();
      const asked = readSessionsHash(hash) ?? {};
      if (asked.q !== undefined || whole) setFilterText(asked.q ?? '');
      if (asked.range || whole) setTimeRange(asked.range ?? {});
      if (asked.sort || whole) apply.current.setSort(asked.sort ?? defaultSort);
      const { open: wanted } = asked;
      if (!wanted && whole) apply.current.closeLinked();
      addressFollowed();
      // Found after the new filter has closed any drawer it excludes; a session gone stays closed.
      if (wanted)
        void findAtTime(wanted.id, wanted.at).then(
          (found) => live && found && apply.current.openLinked(found),
          () => {},
        );
    };
    applyHash();
    window.addEventListener('hashchange', applyHash);
    return () => {
      live = false;
      window.removeEventListener('hashchange', applyHash);
    };
  }, [defaultSort]);

  const openRef = open ? { id: open.id, startTs: open.startTs } : null;
  const hash = sessionsHash({ text, range, sort, open: openRef }, defaultSort);
  useEffect(() => {
    // Only while the address is the view's: a click to another view must not be written over.
    if (isSessionsAddress(window.location.hash)) writeViewAddress(hash);
  }, [hash]);
}
