// A compact, text-only list of sessions for the side panel. Log strings go in as React text.
import type { Session } from '../../../src-shared/domain.js';
import { formatTimestamp } from '../../format.js';

export function SessionList({ sessions, testId }: { sessions: Session[]; testId: string }) {
  if (sessions.length === 0) return <p className="muted">No sessions.</p>;
  return (
    <div className="table-wrap">
      <table className="table graph-sessions" data-testid={testId}>
        <thead>
          <tr>
            <th>Start (UTC)</th>
            <th>Source → destination</th>
            <th className="num">Port</th>
            <th>Detection</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-session-id={s.id}>
              <td>{formatTimestamp(s.startTs)}</td>
              <td>
                {s.srcIp} → {s.dstIp ?? '–'}
              </td>
              <td className="num">{s.dstPort ?? '–'}</td>
              <td className="clip" title={s.ruleName ?? undefined}>
                {s.detectionType ?? '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
