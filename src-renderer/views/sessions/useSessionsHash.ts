// Keeps the Sessions view's filter, sort and open session in its address (sessions-hash.ts): a link
// from another view (`#/sessions?q=src:1.2.3.4&from=…&to=…`) sets them, and each change is written
// back with replaceState (no history entry per keystroke, no hashchange), so a reload comes back to
// the same rows and drawer. The query used to be dropped from the address once read: a reload then
// lost the filter, the sort and the session the analyst was reading.
import { useEffect, useRef } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { setFilterText, setTimeRange, useGlobalFilter } from '../../state/filter.js';
import { findAtTime } from './find-at-time.js';
import type { SortState } from './SortHeader.js';
import { readSessionsHash, sessionsHash } from './sessions-hash.js';

interface ViewState {
  sort: SortState;
  setSort: (sort: SortState) => void;
  open: Session | null;
  /** Opens the session a link names (the view brings its row into view, as for no click). */
  openLinked: (session: Session) => void;
  defaultSort: SortState;
}

export function useSessionsHash({ sort, setSort, open, openLinked, defaultSort }: ViewState): void {
  const { text, range } = useGlobalFilter();
  // Kept in refs so the listener, added once, applies a link with the latest setters.
  const apply = useRef({ setSort, openLinked });
  apply.current = { setSort, openLinked };

  useEffect(() => {
    let live = true;
    const applyHash = () => {
      const asked = readSessionsHash(window.location.hash);
      if (!asked) return;
      if (asked.q !== undefined) setFilterText(asked.q);
      if (asked.range) setTimeRange(asked.range);
      if (asked.sort) apply.current.setSort(asked.sort);
      const { open: wanted } = asked;
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
  }, []);

  const openRef = open ? { id: open.id, startTs: open.startTs } : null;
  const hash = sessionsHash({ text, range, sort, open: openRef }, defaultSort);
  useEffect(() => {
    // Only while the address is the view's: a click to another view must not be written over.
    const current = window.location.hash;
    if (current !== '#/sessions' && !current.startsWith('#/sessions?')) return;
    if (current === hash) return;
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${hash}`);
  }, [hash]);
}
