import type { QueueItem, Verdict } from '../../../src-shared/triage.js';
import { formatBytes, formatTimestamp } from '../../format.js';
import { VerdictHistory } from '../sessions/VerdictHistory.js';

interface FocusPanelProps {
  item: QueueItem | undefined;
  /** One action on every stored session from the item's source IP. */
  onWholeIp(verdict: Verdict): void;
}

/** The focused session: what it is, who judged it when (from the audit log), and IP-wide actions. */
export function FocusPanel({ item, onWholeIp }: FocusPanelProps) {
  if (!item) return <aside className="focus-panel muted">No session in focus.</aside>;
  const s = item.session;
  return (
    <aside className="focus-panel" data-testid="triage-focus" data-session={s.id}>
      <h3>Session {s.id}</h3>
      <p>
        {formatTimestamp(s.startTs)} · {s.srcIp} → {s.dstIp ?? '?'}
        {s.dstPort !== null ? `:${s.dstPort}` : ''} · {s.protocol ?? ''} · {s.country ?? ''}
      </p>
      <p className="muted">
        {formatBytes(s.bytesIn ?? 0)} in · {formatBytes(s.bytesOut ?? 0)} out ·{' '}
        {s.detectionType ?? 'no detection type'} · score {item.score.toFixed(3)}
      </p>
      {item.ioc.length > 0 && (
        <p data-testid="focus-ioc">
          IOC:{' '}
          {item.ioc
            .map((m) => `${m.list} (${m.kind === 'known_bad' ? 'known bad' : 'known good'})`)
            .join(', ')}
        </p>
      )}
      <div className="ip-actions">
        <span>All sessions from {s.srcIp}:</span>
        <button
          type="button"
          className="small"
          data-testid="ip-malicious"
          onClick={() => onWholeIp('malicious')}
        >
          malicious
        </button>
        <button type="button" className="small" onClick={() => onWholeIp('benign')}>
          benign
        </button>
        <a className="small" href={`#/cases/new?ip=${encodeURIComponent(s.srcIp)}`} data-testid="ip-new-case">
          new case from IP
        </a>
      </div>
      <h4>History</h4>
      {/* Keyed by session: moving on never shows the last session's history while this one loads. */}
      <VerdictHistory key={s.id} sessionId={s.id} />
    </aside>
  );
}
