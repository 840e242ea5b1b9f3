// Who set which verdict (and tags) on the session, oldest first, from the audit log.
import { auditChangeInWords } from '../../../src-shared/audit-words.js';
import type { AuditEntry } from '../../../src-shared/triage.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { formatTimestamp } from '../../format.js';

export function VerdictHistory({ sessionId }: { sessionId: number }) {
  const history = queryState(useVigilQuery('sessionHistory', { sessionId }));
  if (history.error) return <p className="error-note">{history.error}</p>;
  if (!history.data) return <p className="muted">Loading history…</p>;
  if (history.data.length === 0)
    return (
      <p className="muted" data-testid="drawer-no-verdicts">
        No verdicts yet.
      </p>
    );
  return (
    <ol className="history" data-testid="drawer-history">
      {history.data.map((entry: AuditEntry) => (
        <li key={entry.id}>
          <span className="muted">{formatTimestamp(entry.at)}</span> <strong>{entry.analyst}</strong>{' '}
          {auditChangeInWords(entry)}
        </li>
      ))}
    </ol>
  );
}
