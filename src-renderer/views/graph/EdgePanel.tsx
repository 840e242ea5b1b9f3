// The sessions behind one edge, newest first, a page at a time.
import { useState } from 'react';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Pager } from '../../components/Pager.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { formatCount } from '../../format.js';
import { ipHeadingClass } from './ip-heading.js';
import { openEdgeInSessions } from './open-in-sessions.js';
import { SessionList } from './SessionList.js';

const PAGE = 50;

interface EdgePanelProps {
  src: string;
  dst: string;
  /** The edge ends at a host node: a client's requests to a site, not an IP pair. */
  toHost: boolean;
  filter: SessionFilter;
  onClose: () => void;
}

export function EdgePanel({ src, dst, toHost, filter, onClose }: EdgePanelProps) {
  const [offset, setOffset] = useState(0);
  const page = useVigilQuery(
    'edgeSessions',
    { src, dst, toHost, filter, offset, limit: PAGE },
    { keepPrevious: false },
  );
  return (
    <aside className="graph-panel" aria-label={`Edge ${src} to ${dst}`} data-testid="edge-panel">
      <header className="graph-panel-head">
        {/* One address a line, each unbroken: "a → b" would wrap inside an IPv6 address. */}
        <h2 className="edge-heading" title={`${src} → ${dst}`}>
          <span className={ipHeadingClass(src)}>{src} →</span>
          <span className={ipHeadingClass(dst)}>{dst}</span>
        </h2>
        <button type="button" onClick={onClose} aria-label="Close panel">
          ×
        </button>
      </header>
      {page.isPending && <p className="muted">Loading sessions…</p>}
      <ErrorNote message={page.error?.message ?? null} />
      {page.data && (
        <div className="graph-panel-body">
          <p>
            <span data-testid="edge-total" data-total={page.data.total}>
              {formatCount(page.data.total)}
            </span>{' '}
            sessions ·{' '}
            <button type="button" className="link" onClick={() => openEdgeInSessions(src, dst, toHost)}>
              open in Sessions
            </button>
          </p>
          <SessionList sessions={page.data.items} testId="edge-session-list" />
          <Pager offset={offset} limit={PAGE} total={page.data.total} onOffset={setOffset} />
        </div>
      )}
    </aside>
  );
}
