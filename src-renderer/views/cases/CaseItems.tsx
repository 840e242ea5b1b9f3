import { useState } from 'react';
import type { CaseItem } from '../../../src-shared/cases.js';
import { api } from '../../api/index.js';
import { formatTimestamp } from '../../format.js';

/** The sessions and IPs a case holds, with add (IP) and remove. */
export function CaseItems({
  caseId,
  items,
  onError,
}: {
  caseId: number;
  items: CaseItem[];
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
            <button
              type="button"
              className="small"
              onClick={() => remove(item)}
              aria-label="Remove from case"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
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
    </div>
  );
}
