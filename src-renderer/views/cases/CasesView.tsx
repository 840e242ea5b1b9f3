import { useEffect, useRef, useState } from 'react';
import type { Case, CaseDetail, CaseStatus } from '../../../src-shared/cases.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { TagChip } from '../../components/TagChip.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { countOf, formatTimestamp } from '../../format.js';
import { CaseDetailPanel } from './CaseDetailPanel.js';
import { DeleteCaseDialog } from './DeleteCaseDialog.js';
import { NewCaseForm } from './NewCaseForm.js';
import { StatusOptions } from './StatusOptions.js';
import { type CaseListFilter, caseHash, casesHash, useCaseRoute, withCaseList } from './useCaseRoute.js';
import './cases.css';

export function CasesView() {
  const route = useCaseRoute();
  // The list's filter lives in the address: choosing one is a step Back undoes (useCaseRoute.ts).
  const listFilter = route.list;
  const status = listFilter.status ?? '';
  const tag = listFilter.tag ?? '';
  const filterList = (next: CaseListFilter) => {
    window.location.hash = withCaseList(window.location.hash || '#/cases', next);
  };
  const [error, setError] = useState<string | null>(null);
  const tags = useVigilQuery('listTags', {});
  const cases = queryState(useVigilQuery('listCases', listFilter));
  const current =
    route.kind === 'case' ? route.id : route.kind === 'list' ? (cases.data?.[0]?.id ?? null) : null;
  // The case whose deletion is on its way or done: never asked for again while it is shown (its
  // deletion's data-changed would ask, and the core refuse, "No case with id …").
  const [held, setHeld] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<Case | null>(null);
  // Where the keyboard goes once the dialog is gone: back to Delete, or to the case shown next.
  const [focusTo, setFocusTo] = useState<{ to: 'delete' } | { to: 'case'; id: number | null } | null>(null);
  const asked = queryState(
    useVigilQuery('getCase', { id: current ?? 0 }, { enabled: current !== null && current !== held }),
  );
  // Cases deleted from this page: never shown again, not even as the answer kept on screen while
  // the next case's loads (asked for by hand later, the core says who deleted it).
  const [gone, setGone] = useState<ReadonlySet<number>>(() => new Set());
  const answered = asked.data && !gone.has(asked.data.case.id) ? asked.data : null;
  // While held, the case stays on screen as it was (its answer may be dropped as unasked-for).
  const lastShown = useRef<CaseDetail | null>(null);
  const shown = current !== null && current === held ? (answered ?? lastShown.current) : answered;
  if (shown) lastShown.current = shown;
  // With no case to show, nothing is shown (not the last one asked).
  const detail = current === null ? { ...asked, data: null } : { ...asked, data: shown };
  // A deleted case stays held until another is shown (asked again later, it says it was deleted).
  useEffect(() => {
    if (held !== null && current !== held && confirming === null) setHeld(null);
  }, [current, held, confirming]);
  useEffect(() => {
    if (!focusTo) return;
    const list = document.querySelector<HTMLElement>('[data-testid="case-list"]');
    const target =
      focusTo.to === 'delete'
        ? document.querySelector<HTMLElement>('[data-testid="case-delete"]')
        : focusTo.id !== null
          ? (list?.querySelector<HTMLElement>(`a[data-case-id="${focusTo.id}"]`) ?? null)
          : document.querySelector<HTMLElement>('[data-testid="case-new-link"]');
    target?.focus();
    setFocusTo(null);
  }, [focusTo]);

  /** The case after the deleted one in the list (else the one before): shown and focused next. */
  const deleted = (id: number) => {
    const list = cases.data ?? [];
    const at = list.findIndex((x) => x.id === id);
    const next = at >= 0 ? (list[at + 1] ?? list[at - 1]) : list.find((x) => x.id !== id);
    setGone((ids) => new Set(ids).add(id));
    setConfirming(null);
    setError(null);
    window.location.hash = next ? caseHash(next.id, listFilter) : casesHash(listFilter);
    setFocusTo({ to: 'case', id: next?.id ?? null });
  };
  return (
    <div className="view" data-testid="view-cases">
      <header className="view-head cases-head">
        <h1>Cases</h1>
        <a className="button" href={withCaseList('#/cases/new', listFilter)} data-testid="case-new-link">
          New case
        </a>
      </header>
      <ErrorNote message={error ?? cases.error ?? detail.error} />
      <div className="case-layout">
        <nav aria-label="Cases">
          <label>
            Status{' '}
            <select
              value={status}
              onChange={(e) =>
                filterList({ ...listFilter, status: (e.target.value || undefined) as CaseStatus | undefined })
              }
              data-testid="case-status-filter"
            >
              <option value="">all</option>
              <StatusOptions />
            </select>
          </label>{' '}
          <label>
            Tag{' '}
            <select
              value={tag}
              onChange={(e) => filterList({ ...listFilter, tag: e.target.value || undefined })}
              data-testid="case-tag-filter"
            >
              <option value="">any</option>
              {tags.data?.map((t) => (
                <option key={t.id} value={t.name}>
                  {t.name}
                </option>
              ))}
              {/* A tag the address names that no case has (any more) is still the list's filter. */}
              {tag && tags.data && !tags.data.some((t) => t.name === tag) && (
                <option value={tag}>{tag}</option>
              )}
            </select>
          </label>
          {cases.data?.length === 0 &&
            (status || tag ? (
              <p className="muted">No case matches.</p>
            ) : (
              <p className="muted">No cases yet. Press c on a session in Triage, or make one here.</p>
            ))}
          <ul className="case-list" data-testid="case-list">
            {cases.data?.map((c) => (
              <li key={c.id} className={c.id === current ? 'current' : undefined}>
                <a
                  href={caseHash(c.id, listFilter)}
                  data-case-id={c.id}
                  aria-current={c.id === current ? 'page' : undefined}
                >
                  <span className={`severity-dot severity-${c.severity}`} aria-hidden="true" />
                  <strong>{c.title}</strong>
                  <br />
                  <span className="muted">
                    {c.severity} · {c.status.replace('_', ' ')} · {countOf(c.sessionTotal, 'session')},{' '}
                    {countOf(c.ips, 'IP')} ·{' '}
                    <span className="case-list-time">{formatTimestamp(c.updatedAt)} UTC</span>
                  </span>
                  {c.tags.length > 0 && (
                    <>
                      <br />
                      <span className="chips">
                        {c.tags.map((t) => (
                          <TagChip key={t.name} name={t.name} colour={t.colour} />
                        ))}
                      </span>
                    </>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {route.kind === 'new' ? (
          <NewCaseForm
            key={withCaseList(window.location.hash, {})}
            ips={route.ips}
            sessionIds={route.sessionIds}
            withFilter={route.withFilter}
            list={listFilter}
          />
        ) : (
          detail.data && (
            <CaseDetailPanel
              detail={detail.data}
              onError={setError}
              onDelete={setConfirming}
              held={detail.data.case.id === held}
            />
          )
        )}
      </div>
      {confirming && (
        <DeleteCaseDialog
          key={confirming.id}
          c={confirming}
          onDeleting={(on) => setHeld(on ? confirming.id : null)}
          onDeleted={deleted}
          onCancel={() => {
            setConfirming(null);
            setFocusTo({ to: 'delete' });
          }}
        />
      )}
    </div>
  );
}
