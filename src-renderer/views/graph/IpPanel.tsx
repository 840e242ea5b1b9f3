// The drill-down for one IP: totals, sessions over time, countries, ports, peers, the latest
// sessions with a way into the Sessions view, verdicts, and its web requests and rule hits.
import type { ReactNode } from 'react';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { IpProfile } from '../../../src-shared/graph.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { formatBytes, formatCount, formatTimestamp } from '../../format.js';
import { AsNumbers } from './AsNumbers.js';
import { IpRequests } from './IpRequests.js';
import { ipHeadingClass } from './ip-heading.js';
import { openIpInSessions } from './open-in-sessions.js';
import { SeriesChart } from './SeriesChart.js';
import { SessionList } from './SessionList.js';

interface IpPanelProps {
  ip: string;
  filter: SessionFilter;
  axisColour: string;
  onClose: () => void;
  onExpand: (ip: string) => void;
  onPeer: (ip: string) => void;
}

export function IpPanel({ ip, filter, axisColour, onClose, onExpand, onPeer }: IpPanelProps) {
  // Another IP or filter shows nothing of the last one while it loads.
  const profile = useVigilQuery('ipProfile', { ip, filter }, { keepPrevious: false });
  return (
    <aside className="graph-panel" aria-label={`IP ${ip}`} data-testid="ip-panel" data-ip={ip}>
      <header className="graph-panel-head">
        <h2 className={ipHeadingClass(ip)} title={ip}>
          {ip}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close panel">
          ×
        </button>
      </header>
      <p className="graph-panel-actions">
        <button type="button" onClick={() => onExpand(ip)} data-testid="ip-expand">
          Expand neighbours
        </button>
        <a className="button" href={`#/cases/new?ip=${encodeURIComponent(ip)}`} data-testid="ip-new-case">
          New case
        </a>
      </p>
      {profile.isPending && <p className="muted">Loading {ip}…</p>}
      <ErrorNote message={profile.error?.message ?? null} />
      {profile.data && (
        <ProfileBody
          profile={profile.data}
          axisColour={axisColour}
          onPeer={onPeer}
          requests={<IpRequests ip={ip} filter={filter} />}
        />
      )}
    </aside>
  );
}

/** A volume of the IP's sessions, or that its logs do not record it (never a sum of nothing as 0 B). */
const volume = (bytes: number | null) => (bytes === null ? 'not in these logs' : formatBytes(bytes));

function ProfileBody({
  profile,
  axisColour,
  onPeer,
  requests,
}: {
  profile: IpProfile;
  axisColour: string;
  onPeer: (ip: string) => void;
  /** The IP's web requests and rule hits, after its countries and ports. */
  requests: ReactNode;
}) {
  return (
    <div className="graph-panel-body" data-testid="ip-profile" data-sessions={profile.sessions}>
      <dl className="graph-facts">
        <dt>Sessions</dt>
        <dd data-testid="ip-sessions">{formatCount(profile.sessions)}</dd>
        <dt>As source / destination</dt>
        <dd>
          {formatCount(profile.asSource)} / {formatCount(profile.asDestination)}
        </dd>
        <dt>Bytes in / out</dt>
        <dd>
          {volume(profile.bytesIn)} / {volume(profile.bytesOut)}
        </dd>
        <dt>AS number</dt>
        <dd data-testid="ip-asns">
          <AsNumbers asns={profile.asns} />
        </dd>
        <dt>First / last seen</dt>
        <dd>
          {formatTimestamp(profile.firstTs)} – {formatTimestamp(profile.lastTs)}
        </dd>
        <dt>Flagged</dt>
        <dd>{profile.flagged === null ? '–' : formatCount(profile.flagged)}</dd>
        <dt>Highest score</dt>
        <dd>{profile.maxScore === null ? '–' : profile.maxScore.toFixed(3)}</dd>
      </dl>
      {profile.series.length > 0 && (
        <section>
          <h3>Sessions over time</h3>
          <SeriesChart series={profile.series} colour={axisColour} />
        </section>
      )}
      <div className="graph-columns">
        <section>
          <h3>Countries</h3>
          <Counts rows={profile.countries.map((c) => ({ key: c.key || '(none)', sessions: c.sessions }))} />
        </section>
        <section>
          <h3>Destination ports</h3>
          <Counts rows={profile.ports.map((p) => ({ key: String(p.port ?? '–'), sessions: p.sessions }))} />
        </section>
      </div>
      {requests}
      <section>
        <h3>Top peers</h3>
        <ul className="graph-list" data-testid="ip-peers">
          {profile.peers.map((peer) => (
            <li key={`${peer.direction}${peer.ip}`}>
              <button type="button" className="link" onClick={() => onPeer(peer.ip)}>
                {peer.direction === 'out' ? '→' : '←'} {peer.ip}
              </button>
              <span className="muted">{formatCount(peer.sessions)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>Latest sessions</h3>
        <p className="graph-links">
          <button
            type="button"
            className="link"
            onClick={() => openIpInSessions(profile.ip)}
            data-testid="ip-open-sessions"
          >
            Open all {formatCount(profile.sessions)} in Sessions
          </button>
        </p>
        <SessionList sessions={profile.recent} testId="ip-session-list" />
      </section>
      <section>
        <h3>Verdicts</h3>
        {profile.verdicts.length === 0 ? (
          <p className="muted" data-testid="ip-verdicts">
            No verdicts on this IP's sessions yet.
          </p>
        ) : (
          <ul className="graph-list" data-testid="ip-verdicts">
            {profile.verdicts.map((v) => (
              <li key={v.sessionId}>
                <span>
                  {v.verdict} · session {v.sessionId}
                  {v.note ? ` · ${v.note}` : ''}
                </span>
                <span className="muted">{formatTimestamp(v.at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Counts({ rows }: { rows: { key: string; sessions: number }[] }) {
  if (rows.length === 0) return <p className="muted">–</p>;
  return (
    <ul className="graph-list">
      {rows.map((row) => (
        <li key={row.key}>
          <span className="clip">{row.key}</span>
          <span className="muted">{formatCount(row.sessions)}</span>
        </li>
      ))}
    </ul>
  );
}
