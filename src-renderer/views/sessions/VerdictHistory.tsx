// Who set which verdict (and tags) on the session, oldest first, from the audit log.
import type { AuditEntry } from '../../../src-shared/triage.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { formatTimestamp } from '../../format.js';

/** A verdict state is { verdict, note, ... }; a tag change is a name or a list. Text only. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'object' && 'verdict' in value) {
    const { verdict, note } = value as { verdict: string; note?: string | null };
    return note ? `${verdict} (“${note}”)` : verdict;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

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
          {entry.field}: {describe(entry.before)} → {describe(entry.after)}
        </li>
      ))}
    </ol>
  );
}
