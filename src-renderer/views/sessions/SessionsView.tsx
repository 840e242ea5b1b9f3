import { useEffect, useState } from 'react';
import type { Session } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Pager } from '../../components/Pager.js';
import { formatCount } from '../../format.js';
import { useVigilEvents } from '../../hooks/useVigilEvents.js';
import type { SortField } from './columns.js';
import { SessionsTable, type SortState } from './SessionsTable.js';

const PAGE = 100;

export function SessionsView() {
  const [sort, setSort] = useState<SortState>({ field: 'startTs', direction: 'asc' });
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ items: Session[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  // Re-read the page whenever an import lands while the analyst is looking.
  useVigilEvents((event) => {
    if (event.type === 'data-changed') setVersion((v) => v + 1);
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger.
  useEffect(() => {
    let live = true;
    api
      .sessionPage({ sort: sort.field, direction: sort.direction, offset, limit: PAGE })
      .then((result) => {
        if (!live) return;
        setPage(result);
        setError(null);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [sort, offset, version]);

  const onSort = (field: SortField) => {
    setSort((current) => ({
      field,
      direction: current.field === field && current.direction === 'asc' ? 'desc' : 'asc',
    }));
    setOffset(0);
  };

  return (
    <div className="view" data-testid="view-sessions">
      <header className="view-head">
        <h1>Sessions</h1>
        {page && (
          <p className="muted">
            <span data-testid="sessions-total" data-total={page.total}>
              {formatCount(page.total)}
            </span>{' '}
            {page.total === 1 ? 'session' : 'sessions'}
          </p>
        )}
      </header>
      <ErrorNote message={error} />
      {page && page.total === 0 && (
        <div className="empty" data-testid="sessions-empty">
          <p>No sessions yet.</p>
          <p>
            <a href="#/import">Import a log file or load the sample</a> to see them here.
          </p>
        </div>
      )}
      {page && page.total > 0 && (
        <>
          <SessionsTable sessions={page.items} sort={sort} onSort={onSort} />
          <Pager
            offset={offset}
            limit={PAGE}
            total={page.total}
            onOffset={setOffset}
            testId="sessions-pager"
          />
        </>
      )}
    </div>
  );
}
