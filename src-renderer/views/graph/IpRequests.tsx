// An IP's web requests in the Graph side panel: its top paths and user agents (with their class),
// and the detection rules its sessions matched. The same reads as the Overview's panels, for the
// filter narrowed to this IP; nothing is shown when the IP made no request.
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { FilterClause } from '../../../src-shared/filter/index.js';
import { queryState } from '../../data/query-state.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import { countOf, formatCount } from '../../format.js';
import { TopList } from '../overview/TopList.js';
import { UserAgentClassChip } from '../overview/WebPanels.js';
import { LevelChip } from '../sessions/RuleHits.js';

export function ipFilter(filter: SessionFilter, ip: string): SessionFilter {
  const clause: FilterClause = { field: 'ip', negate: false, values: [{ kind: 'ip', value: ip }] };
  return { ...filter, clauses: [...(filter.clauses ?? []), clause] };
}

export function IpRequests({ ip, filter }: { ip: string; filter: SessionFilter }) {
  const scoped = ipFilter(filter, ip);
  const web = queryState(useVigilQuery('webRequests', { filter: scoped }, { keepPrevious: false }));
  const hits = queryState(
    useVigilQuery('ruleHitSummary', { filter: scoped, maxPoints: 1, topRules: 10 }, { keepPrevious: false }),
  );
  if (!web.data || web.data.requests === 0) return null;
  // Rows here do not filter: a click in the side panel should not re-draw the graph under it.
  return (
    <div data-testid="ip-requests">
      <section>
        <h3>Top paths ({countOf(web.data.requests, 'request')})</h3>
        <TopList
          testId="ip-top-paths"
          empty="–"
          rows={web.data.topPaths.map((p) => ({ key: p.path, label: p.path, sessions: p.sessions }))}
        />
      </section>
      <section>
        <h3>User agents</h3>
        <TopList
          testId="ip-top-user-agents"
          empty="–"
          rows={web.data.topUserAgents.map((a) => ({
            key: a.userAgent,
            label: a.userAgent,
            sessions: a.sessions,
            extra: <UserAgentClassChip userAgentClass={a.userAgentClass} />,
          }))}
        />
      </section>
      <section>
        <h3>Rule hits{hits.data ? ` (${formatCount(hits.data.total)})` : ''}</h3>
        {hits.data && hits.data.byRule.length === 0 && (
          <p className="muted">No rule matched this IP's sessions.</p>
        )}
        {hits.data && hits.data.byRule.length > 0 && (
          <TopList
            testId="ip-rule-hits"
            empty="–"
            rows={hits.data.byRule.map((r) => ({
              key: `${r.source}:${r.ruleId}`,
              label: r.title,
              sessions: r.hits,
              extra: <LevelChip level={r.level} />,
            }))}
          />
        )}
      </section>
    </div>
  );
}
