import { useMemo } from 'react';
import type { Case, CaseDetail } from '../../../src-shared/cases.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { countOf, formatCount } from '../../format.js';
import { CaseCharts } from './CaseCharts.js';
import { CaseGraph } from './CaseGraph.js';
import { CaseHeader } from './CaseHeader.js';
import { CaseIndicators } from './CaseIndicators.js';
import { CaseItems } from './CaseItems.js';
import { CaseNotes } from './CaseNotes.js';
import { CaseSummary } from './CaseSummary.js';
import { ipEdges } from './case-series.js';
import { ExportPanel } from './ExportPanel.js';

export function CaseDetailPanel({
  detail,
  onError,
  onDelete,
  held = false,
}: {
  detail: CaseDetail;
  onError(message: string): void;
  onDelete?(c: Case): void;
  /** The case is being deleted: its overview is not asked again (it would be refused once gone). */
  held?: boolean;
}) {
  const c = detail.case;
  // Another case's activity, indicators and graph are never shown under this one's title while
  // its overview loads (a case's overview takes seconds on a busy machine).
  const overview = queryState(
    useVigilQuery('caseOverview', { id: c.id }, { keepPrevious: false, enabled: !held }),
  );
  const sessions = overview.data?.sessions ?? null;
  // Requests that name no server IP end at the server of their log, named by its file.
  const imports = useVigilQuery('listImports', {}).data;
  const fileNames = useMemo(() => new Map(imports?.map((i) => [i.id, i.fileName])), [imports]);
  const edges = useMemo(() => ipEdges(sessions ?? [], fileNames), [sessions, fileNames]);
  const indicatorIps = useMemo(() => new Set(overview.data?.indicators.map((i) => i.ip)), [overview.data]);
  return (
    <article className="case-detail" data-testid="case-detail" data-case={c.id}>
      <CaseHeader key={`${c.id}-${c.title}`} c={c} onError={onError} onDelete={onDelete} />
      <ExportPanel caseId={c.id} />
      <section>
        <h3>Summary</h3>
        <CaseSummary key={c.id} c={c} onError={onError} />
      </section>
      <section>
        <h3>
          Activity{' '}
          {overview.data && (
            <span className="muted" data-testid="case-session-total">
              {/* The case's one count of held sessions, as in the header and the case list. */}
              {c.sessionTotal > overview.data.sessions.length
                ? `(${countOf(c.sessionTotal, 'session')}; the graph draws ${formatCount(overview.data.sessions.length)}: verdicts and rule hits first)`
                : `(${countOf(c.sessionTotal, 'session')}: added ones and every session from or to its IPs)`}
            </span>
          )}
        </h3>
        <CaseCharts overview={overview.data ?? null} loading={overview.loading} />
      </section>
      <section>
        <h3>Indicators</h3>
        <CaseIndicators indicators={overview.data?.indicators ?? []} />
      </section>
      <section>
        <h3>IP graph</h3>
        <CaseGraph edges={edges} indicators={indicatorIps} />
      </section>
      <div className="case-columns">
        <section>
          <h3>Items</h3>
          <CaseItems caseId={c.id} items={detail.items} closed={c.status === 'closed'} onError={onError} />
        </section>
        <section>
          <h3>Notes</h3>
          <CaseNotes caseId={c.id} notes={detail.notes} onError={onError} />
        </section>
      </div>
    </article>
  );
}
