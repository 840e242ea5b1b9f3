import type { CaseIndicator } from '../../../src-shared/cases.js';
import { formatTimestamp } from '../../format.js';

/** The IPs the case points at and why (case item, malicious verdict, known-bad list). */
export function CaseIndicators({ indicators }: { indicators: readonly CaseIndicator[] }) {
  if (!indicators.length)
    return <p className="muted">No indicators yet: add an IP, or mark sessions malicious.</p>;
  return (
    <div className="table-wrap">
      <table data-testid="case-indicators">
        <thead>
          <tr>
            <th>IP</th>
            <th>why</th>
            <th>sessions</th>
            <th>first / last seen (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={i.ip}>
              <td>{i.ip}</td>
              <td>{i.reasons.join(', ')}</td>
              <td className="num">{i.sessions}</td>
              <td>
                {formatTimestamp(i.firstSeen)}
                <br />
                {formatTimestamp(i.lastSeen)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
