import { useState } from 'react';
import type { CaseStatus } from '../../../src-shared/cases.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { TagChip } from '../../components/TagChip.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { countOf, formatTimestamp } from '../../format.js';
import { CaseDetailPanel } from './CaseDetailPanel.js';
import { NewCaseForm } from './NewCaseForm.js';
import { StatusOptions } from './StatusOptions.js';
import { caseHash, useCaseRoute } from './useCaseRoute.js';
import './cases.css';

export function CasesView() {
  const route = useCaseRoute();
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const tags = useVigilQuery('listTags', {});
  const cases = queryState(
    useVigilQuery('listCases', { ...(status ? { status } : {}), ...(tag ? { tag } : {}) }),
  );
  const current =
    route.kind === 'case' ? route.id : route.kind === 'list' ? (cases.data?.[0]?.id ?? null) : null;
  const asked = queryState(useVigilQuery('getCase', { id: current ?? 0 }, { enabled: current !== null }));
  // With no case to show, nothing is shown (not the last one asked).
  const detail = current === null ? { ...asked, data: null } : asked;
  return (
    <div className="view" data-testid="view-cases">
      <header className="view-head cases-head">
        <h1>Cases</h1>
        <a className="button" href="#/cases/new" data-testid="case-new-link">
          New case
        </a>
      </header>
      <ErrorNote message={error ?? cases.error ?? detail.error} />
      <div className="case-layout">
        <nav aria-label="Cases">
          <label>
            Status{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
              <option value="">all</option>
              <StatusOptions />
            </select>
          </label>{' '}
          <label>
            Tag{' '}
            <select value={tag} onChange={(e) => setTag(e.target.value)} data-testid="case-tag-filter">
              <option value="">any</option>
              {tags.data?.map((t) => (
                <option key={t.id} value={t.name}>
                  {t.name}
                </option>
              ))}
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
                <a href={caseHash(c.id)} aria-current={c.id === current ? 'page' : undefined}>
                  <span className={`severity-dot severity-${c.severity}`} aria-hidden="true" />
                  <strong>{c.title}</strong>
                  <br />
                  <span className="muted">
                    {c.severity} · {c.status.replace('_', ' ')} · {countOf(c.sessionTotal, 'session')},{' '}
                    {countOf(c.ips, 'IP')} · {formatTimestamp(c.updatedAt)} UTC
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
            key={window.location.hash}
            ips={route.ips}
            sessionIds={route.sessionIds}
            withFilter={route.withFilter}
          />
        ) : (
          detail.data && <CaseDetailPanel detail={detail.data} onError={setError} />
        )}
      </div>
    </div>
  );
}
