import './sessions.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useChangeCount } from '../../data/DataProvider.js';
import { useDetectionSet } from '../../data/useDetectionSet.js';
import { formatCount } from '../../format.js';
import { addressStep } from '../../hooks/view-address.js';
import { useSessionFilter } from '../../state/filter.js';
import { ColumnChooser } from './ColumnChooser.js';
import { COLUMN_CHOICES, COLUMNS, type Column, canSort, ruleHitsColumn, SORT_ANY_LIMIT } from './columns.js';
import { markColumns } from './mark-columns.js';
import { OpenRowNotice } from './OpenRowNotice.js';
import { SessionDrawer } from './SessionDrawer.js';
import { SessionsExport } from './SessionsExport.js';
import { SessionsGrid } from './SessionsGrid.js';
import { SessionsToCase } from './SessionsToCase.js';
import type { SortState } from './SortHeader.js';
import { useColumnPrefs } from './useColumnPrefs.js';
import { useOpenRowPlace } from './useOpenRowPlace.js';
import { useSessionBlocks } from './useSessionBlocks.js';
import { useSessionsHash } from './useSessionsHash.js';
import { useWebRows } from './useWebRows.js';

const NEWEST_FIRST: SortState = { field: 'startTs', direction: 'desc' };

export function SessionsView() {
  const filter = useSessionFilter();
  // Newest first: the analyst opens the table to see what just happened.
  const [sort, setSort] = useState<SortState>(NEWEST_FIRST);
  const [sortNote, setSortNote] = useState('');
  const [open, setOpen] = useState<Session | null>(null);
  // The session a link or a reload opened, whose row the table goes to; not one the analyst
  // clicked or pressed Enter on, whose row is on screen already.
  const [linked, setLinked] = useState<Session | null>(null);
  const openLinked = (session: Session) => {
    setOpen(session);
    setLinked(session);
  };
  const openRow = (session: Session) => {
    // Opening another session is a step Back undoes; a click on the open one's row is none.
    if (session.id !== open?.id) addressStep();
    setOpen(session);
    setLinked(null);
  };
  // The address holds the filter, sort and open session: a reload comes back to them.
  const closeLinked = () => {
    setOpen(null);
    setLinked(null);
  };
  useSessionsHash({ sort, setSort, open, openLinked, closeLinked, defaultSort: NEWEST_FIRST });
  const [copied, setCopied] = useState('');

  // Start over when a change puts session pages or their marks out of date (an import, a verdict,
  // a score, a tag, a change of the detection set…).
  const version = useChangeCount('sessionPage') + useChangeCount('sessionMarks');
  const flaggedBy = useDetectionSet().name;

  const query = useMemo(() => ({ filter, sort: sort.field, direction: sort.direction }), [filter, sort]);
  // A new filter may exclude the open session: the drawer closes rather than show a stranger.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `filter` is the trigger.
  useEffect(() => {
    setOpen(null);
    setLinked(null);
  }, [filter]);
  const blocks = useSessionBlocks(query, version);
  const placed = useOpenRowPlace(query, linked);
  const revealRow = placed && placed.row !== null ? { row: placed.row, key: placed.key } : null;
  // Web requests get their own default columns; which the table holds is decided per filter.
  const webRows = useWebRows(
    useMemo(() => JSON.stringify(filter), [filter]),
    blocks.rowAt,
  );
  const [visible, toggleColumn, resetColumns] = useColumnPrefs(webRows);
  // Web requests add their rule hits (counted per loaded page) early, after the source's columns,
  // where a wide table does not push them out of sight.
  const { hitsOf, marksOf, scoreRun } = blocks;
  const allColumns = useMemo(() => {
    const marks = markColumns(marksOf, {
      flaggedBy: flaggedBy ?? 'the detection set',
      scoreRun: scoreRun ? `${scoreRun.kind} #${scoreRun.id}, the latest active run` : 'no active run',
    });
    return new Map<string, Column>([...COLUMNS.map((column) => [column.id, column] as const), ...marks]);
  }, [marksOf, flaggedBy, scoreRun]);
  const columns = useMemo(() => {
    const chosen = COLUMN_CHOICES.flatMap(({ id }) => {
      const column = visible.includes(id) ? allColumns.get(id) : undefined;
      return column ? [column] : [];
    });
    if (!webRows.web) return chosen;
    const at = chosen.findIndex((column) => column.id === 'country') + 1 || chosen.length;
    return [...chosen.slice(0, at), ruleHitsColumn(hitsOf), ...chosen.slice(at)];
  }, [visible, webRows, hitsOf, allColumns]);
  const total = blocks.total;
  // While a new sort or filter loads, the table keeps its frame (rows read "Loading…") rather than
  // vanishing and coming back.
  const lastTotal = useRef<number | null>(null);
  if (total !== null) lastTotal.current = total;
  const rowCount = total ?? lastTotal.current;

  // A sort that a wider filter no longer allows falls back to time order.
  const sortColumn = [...allColumns.values()].find((column) => column.sort === sort.field);
  if (total !== null && sortColumn && !canSort(sortColumn, total) && sort.field !== 'startTs')
    setSort(NEWEST_FIRST);

  const onSort = (column: Column) => {
    if (!column.sort) return;
    addressStep();
    setSortNote('');
    const field = column.sort;
    setSort((current) => ({
      field,
      direction: current.field === field && current.direction === 'asc' ? 'desc' : 'asc',
    }));
  };

  // Closed by the analyst (Escape or ✕), the drawer hands the focus back to the table, whose active
  // cell is still the row it showed, so the arrow keys go on from there; left to the browser, the
  // focus fell to the page's body with the drawer and the keys did nothing until the next click.
  const closeDrawer = () => {
    addressStep();
    closeLinked();
    document
      .querySelector<HTMLElement>('[data-testid="sessions-table-grid"]')
      ?.focus({ preventScroll: true });
  };

  const onSortRefused = (column: Column) =>
    setSortNote(
      `Sorting by ${column.label} is offered for at most ${formatCount(SORT_ANY_LIMIT)} sessions; this filter matches ${formatCount(total)}. Narrow the filter or the time range to sort by it.`,
    );

  return (
    <div className="view sessions-view" data-testid="view-sessions">
      <header className="view-head sessions-head">
        <h1>Sessions</h1>
        <p className="muted">
          {total === null ? (
            'Loading…'
          ) : (
            <>
              <span data-testid="sessions-total" data-total={total}>
                {formatCount(total)}
              </span>{' '}
              {total === 1 ? 'session' : 'sessions'}
              {flaggedBy && (
                <span className="flagged-by" data-testid="sessions-flagged-by">
                  {' '}
                  · flagged by {flaggedBy}
                </span>
              )}
            </>
          )}
        </p>
        <ColumnChooser visible={visible} onToggle={toggleColumn} onReset={resetColumns} />
        <SessionsExport filter={filter} total={total} />
        <SessionsToCase filter={filter} total={total} />
        <p className="muted copy-status" role="status" data-testid="copy-status">
          {copied}
        </p>
      </header>
      <ErrorNote message={blocks.error} />
      {sortNote && (
        <p className="sort-note" role="status" data-testid="sort-note">
          {sortNote}{' '}
          <button type="button" onClick={() => setSortNote('')} aria-label="Dismiss">
            ✕
          </button>
        </p>
      )}
      {placed && placed.row === null && <OpenRowNotice onDismiss={() => setLinked(null)} />}
      {total === 0 && (
        <div className="empty" data-testid="sessions-empty">
          {/* With a filter the data is there, and the filter is what to change; without one the workspace is empty. */}
          {Object.keys(filter).length > 0 ? (
            <>
              <p>No session matches this filter.</p>
              <p>Widen the filter or the time range, or clear it.</p>
            </>
          ) : (
            <>
              <p>No sessions yet.</p>
              <p>
                <a href="#/import">Import a log file or load the sample</a>.
              </p>
            </>
          )}
        </div>
      )}
      {rowCount !== null && rowCount > 0 && total !== 0 && (
        <div className="sessions-body">
          <SessionsGrid
            columns={columns}
            total={rowCount}
            rowAt={blocks.rowAt}
            onRange={blocks.onRange}
            sort={sort}
            onSort={onSort}
            onSortRefused={onSortRefused}
            onOpen={openRow}
            openId={open?.id}
            revealRow={revealRow}
            onEscape={open ? closeDrawer : undefined}
            resetKey={JSON.stringify(query)}
            onCopied={setCopied}
          />
          {open && <SessionDrawer session={open} onClose={closeDrawer} />}
        </div>
      )}
    </div>
  );
}
