// Every session the Sessions view counts, added to an open case in one audited change: the core
// selects them by the filter in force at that moment and the case records their ids (later imports
// never join it), or into a new case (the form, with the filter). The line beside it says how many
// were added, or why the core refused.
import { useState } from 'react';
import { MAX_CASE_SESSIONS } from '../../../src-shared/cases.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { api } from '../../api/index.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { countOf, formatCount } from '../../format.js';

/** The choice that opens the new-case form with the filter in force. */
const NEW_CASE = 'new';

export function SessionsToCase({ filter, total }: { filter: SessionFilter; total: number | null }) {
  const [status, setStatus] = useState('');
  const cases = useVigilQuery('listCases', {});
  const open = (cases.data ?? []).filter((c) => c.status !== 'closed');
  const tooMany = total !== null && total > MAX_CASE_SESSIONS;
  const add = (caseId: number) => {
    const before = open.find((c) => c.id === caseId)?.sessions ?? 0;
    setStatus('Adding…');
    api.editCaseItems({ caseId, filter, add: true }).then(
      // The sessions the case did not hold yet (one already added is not added twice).
      (detail) => setStatus(`Added ${countOf(detail.case.sessions - before, 'session')} to case #${caseId}.`),
      (e: Error) => setStatus(`Refused: ${e.message}`),
    );
  };
  return (
    <span className="sessions-to-case" data-testid="sessions-to-case">
      <select
        aria-label="Add every session of the filter to a case"
        data-testid="sessions-case"
        value=""
        disabled={!total || tooMany}
        title={
          tooMany
            ? `A case takes at most ${formatCount(MAX_CASE_SESSIONS)} sessions at once: narrow the filter`
            : 'Every session of the filter in force, added to an open case'
        }
        onChange={(event) => {
          if (event.target.value === NEW_CASE) window.location.hash = '#/cases/new?filter=1';
          else add(Number(event.target.value));
        }}
      >
        <option value="" disabled>
          Add {total === null ? 'these' : formatCount(total)} to case…
        </option>
        <option value={NEW_CASE}>New case…</option>
        {open.map((c) => (
          <option key={c.id} value={c.id}>
            #{c.id} {c.title}
          </option>
        ))}
      </select>{' '}
      <span className="muted" role="status" data-testid="sessions-case-status" title={status}>
        {status}
      </span>
    </span>
  );
}
