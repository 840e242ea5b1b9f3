import { useState } from 'react';
import { CASE_SEVERITIES, type CaseSeverity } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { countOf, formatTimestamp } from '../../format.js';
import { useOneAtATime } from '../../hooks/useOneAtATime.js';
import { useGlobalFilter, useSessionFilter } from '../../state/filter.js';
import { type CaseListFilter, caseHash, casesHash } from './useCaseRoute.js';

interface NewCaseFormProps {
  ips: string[];
  sessionIds: number[];
  /** With every session of the filter in force (the core selects them when the case is made). */
  withFilter?: boolean;
  /** The case list's filter beside the form: Cancel goes back to the list so filtered. */
  list?: CaseListFilter;
}

/** A new case, filled from where the analyst came from (an IP, a graph node, a selection, a filter). */
export function NewCaseForm({ ips, sessionIds, withFilter = false, list = {} }: NewCaseFormProps) {
  const global = useGlobalFilter();
  const filter = useSessionFilter();
  // How many the filter selects now, said before the case is made (an empty case is no surprise).
  const counted = useVigilQuery('sessionPage', { filter, limit: 1 }, { enabled: withFilter });
  const [title, setTitle] = useState(
    ips.length
      ? `Activity from ${ips.join(', ')}`
      : withFilter && global.text
        ? `Sessions matching ${global.text}`
        : '',
  );
  const [severity, setSeverity] = useState<CaseSeverity>('medium');
  const [summary, setSummary] = useState('');
  const [ipText, setIpText] = useState(ips.join('\n'));
  const [error, setError] = useState<string | null>(null);
  // One case per form: a double click while the first create was on its way made a second case.
  const { pending, run } = useOneAtATime();
  const submit = () => {
    const list = ipText.split(/[\s,]+/).filter(Boolean);
    run(() =>
      api
        .createCase({ title, severity, summary, ips: list, sessionIds, ...(withFilter ? { filter } : {}) })
        .then(
          (detail) => {
            window.location.hash = caseHash(detail.case.id);
          },
          (e: Error) => setError(e.message),
        ),
    );
  };
  return (
    <form
      className="case-form"
      data-testid="case-new"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>New case</h2>
      <label>
        Title{' '}
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          data-testid="case-title-input"
        />
      </label>
      <label>
        Severity{' '}
        <select value={severity} onChange={(e) => setSeverity(e.target.value as CaseSeverity)}>
          {CASE_SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        IPs (one per line)
        <textarea
          value={ipText}
          onChange={(e) => setIpText(e.target.value)}
          rows={3}
          data-testid="case-ips-input"
        />
      </label>
      {sessionIds.length > 0 && (
        <p className="muted">{countOf(sessionIds.length, 'session')} from the selection.</p>
      )}
      {withFilter && (
        <p className="muted" data-testid="case-new-filter">
          With every session of the filter in force
          {global.text ? (
            <>
              : <code>{global.text}</code>
            </>
          ) : (
            ' (no filter: every session)'
          )}
          {filter.from !== undefined || filter.to !== undefined
            ? `, ${formatTimestamp(filter.from)} to ${formatTimestamp(filter.to)} UTC`
            : ''}
          {counted.data ? ` (${countOf(counted.data.total, 'session')} now)` : ''}. The case keeps the
          sessions it selects now.
        </p>
      )}
      <label>
        Summary (Markdown: # headings, - lists, **bold**, *italic*, `code`)
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={5} />
      </label>
      {error && (
        <p className="error-note" role="alert">
          {error}
        </p>
      )}
      <p>
        <button type="submit" data-testid="case-create" disabled={pending}>
          {pending ? 'Creating…' : 'Create case'}
        </button>{' '}
        <a href={casesHash(list)}>Cancel</a>
      </p>
    </form>
  );
}
