import { useState } from 'react';
import type { CaseItem } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { formatTimestamp } from '../../format.js';

/**
 * The sessions and IPs a case holds, with add (IP) and remove. A closed case offers neither: the
 * core refuses changing a closed case's items (it is finished evidence) until it is reopened.
 */
export function CaseItems({
  caseId,
  items,
  closed,
  onError,
}: {
  caseId: number;
  items: CaseItem[];
  closed: boolean;
  onError(m: string): void;
}) {
  const [ip, setIp] = useState('');
  const fail = (e: Error) => onError(e.message);
  const remove = (item: CaseItem) =>
    api
      .editCaseItems({
        caseId,
        add: false,
        ips: item.ip ? [item.ip] : [],
        sessionIds: item.sessionId !== null ? [item.sessionId] : [],
      })
      .catch(fail);
  return (
    <div>
      <ul className="case-items" data-testid="case-items">
        {items.map((item) => (
          <li key={item.id}>
            {item.kind === 'ip' ? `IP ${item.ip}` : `session ${item.sessionId}`}{' '}
            <span className="muted">
              {item.addedBy} {formatTimestamp(item.addedAt)} UTC
            </span>{' '}
            {!closed && (
              <button
                type="button"
                className="small"
                onClick={() => remove(item)}
                aria-label="Remove from case"
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {closed ? (
        <p className="muted" data-testid="case-items-closed">
          This case is closed: set its status to open to add or remove sessions and IPs.
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ip.trim()) api.editCaseItems({ caseId, ips: [ip.trim()] }).then(() => setIp(''), fail);
          }}
        >
          <input
            value={ip}
            onChange={(e) => setIp(e.target.value)}
            placeholder="Add an IP"
            aria-label="IP to add"
          />{' '}
          <button type="submit">Add</button>
        </form>
      )}
    </div>
  );
}
