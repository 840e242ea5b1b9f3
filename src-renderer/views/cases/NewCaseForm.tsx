import { useState } from 'react';
import { CASE_SEVERITIES, type CaseSeverity } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { countOf } from '../../format.js';
import { caseHash } from './useCaseRoute.js';

interface NewCaseFormProps {
  ips: string[];
  sessionIds: number[];
}

/** A new case, filled from where the analyst came from (an IP, a graph node, a selection). */
export function NewCaseForm({ ips, sessionIds }: NewCaseFormProps) {
  const [title, setTitle] = useState(ips.length ? `Activity from ${ips.join(', ')}` : '');
  const [severity, setSeverity] = useState<CaseSeverity>('medium');
  const [summary, setSummary] = useState('');
  const [ipText, setIpText] = useState(ips.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const list = ipText.split(/[\s,]+/).filter(Boolean);
    api.createCase({ title, severity, summary, ips: list, sessionIds }).then(
      (detail) => {
        window.location.hash = caseHash(detail.case.id);
      },
      (e: Error) => setError(e.message),
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
        <button type="submit" data-testid="case-create">
          Create case
        </button>{' '}
        <a href="#/cases">Cancel</a>
      </p>
    </form>
  );
}
