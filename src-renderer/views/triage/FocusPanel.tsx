import type { QueueItem, Verdict } from '../../../src-shared/triage.js';
import { formatBytes, formatTimestamp, sessionRoute } from '../../format.js';
import { openIpInGraph } from '../graph/open-in-graph.js';
import { ModelScores } from '../sessions/ModelScores.js';
import { VerdictHistory } from '../sessions/VerdictHistory.js';
import { FlagReasons } from './FlagReasons.js';
import { VERDICT_CHOICES } from './verdict-choices.js';
import '../sessions/sessions.css';

interface FocusPanelProps {
  item: QueueItem | undefined;
  /** One action on every stored session from the item's source IP. */
  onWholeIp(verdict: Verdict): void;
}

/**
 * The focused session: what it is and what was asked (the request, when the log has one), why the
 * model flagged it, who judged it when (from the audit log), and IP-wide actions (verdicts, a new
 * case, the IP in the graph).
 */
/** The parts a session has, joined; what its log does not record (an access log's destination) is left out. */
function said(...parts: (string | null | false)[]): string {
  return parts.filter(Boolean).join(' · ');
}

export function FocusPanel({ item, onWholeIp }: FocusPanelProps) {
  if (!item) return <aside className="focus-panel muted">No session in focus.</aside>;
  const s = item.session;
  const request = [s.method, s.host, s.path, s.query ? `?${s.query}` : null].filter(Boolean).join(' ');
  return (
    <aside className="focus-panel" data-testid="triage-focus" data-session={s.id}>
      <h3>Session {s.id}</h3>
      <p>{said(formatTimestamp(s.startTs), sessionRoute(s), s.protocol, s.country)}</p>
      <p className="muted">
        {said(
          s.bytesIn !== null && `${formatBytes(s.bytesIn)} in`,
          s.bytesOut !== null && `${formatBytes(s.bytesOut)} out`,
          s.detectionType ?? 'no detection type',
          item.score === null ? 'no score (rule hits)' : `score ${item.score.toFixed(3)}`,
        )}
      </p>
      <dl className="focus-context" data-testid="focus-context">
        {s.ruleName && (
          <>
            <dt>rule</dt>
            <dd>{s.ruleName}</dd>
          </>
        )}
        {request && (
          <>
            <dt>request</dt>
            <dd className="mono">{request}</dd>
          </>
        )}
        {s.responseCode !== null && (
          <>
            <dt>response</dt>
            <dd>{s.responseCode}</dd>
          </>
        )}
        {s.userAgent && (
          <>
            <dt>user agent</dt>
            <dd>{s.userAgent}</dd>
          </>
        )}
      </dl>
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
        {VERDICT_CHOICES.map(({ verdict, label }) => (
          <button
            key={verdict}
            type="button"
            className="small"
            data-testid={`ip-${verdict}`}
            onClick={() => onWholeIp(verdict)}
          >
            {label}
          </button>
        ))}
        <a className="small" href={`#/cases/new?ip=${encodeURIComponent(s.srcIp)}`} data-testid="ip-new-case">
          new case from IP
        </a>
        <button
          type="button"
          className="small"
          data-testid="ip-open-graph"
          onClick={() => openIpInGraph(s.srcIp)}
        >
          open in graph
        </button>
      </div>
      <h4>Why flagged</h4>
      <FlagReasons reasons={item.reasons} />
      {/* Keyed by session: moving on never shows the last session's scores or history while this one loads. */}
      <ModelScores key={`scores-${s.id}`} sessionId={s.id} />
      <h4>History</h4>
      <VerdictHistory key={s.id} sessionId={s.id} />
    </aside>
  );
}
