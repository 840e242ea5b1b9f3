// The Overview's web-request panels: status classes over time, top paths, user agents by class,
// methods. Shown only when the database holds requests (an access log, WAF or Zeek http import);
// flow-only data keeps the Overview as it was.
import '../../styles/web-panels.css';
import { valueClause } from '../../../src-shared/filter/index.js';
import { USER_AGENT_CLASSES, type UserAgentClass } from '../../../src-shared/user-agent-class.js';
import type { WebRequestsOverview } from '../../../src-shared/web-requests.js';
import type { TimeExtent } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';
import { countOf, formatCount, formatShare } from '../../format.js';
import { addFilterTerm } from '../../state/filter.js';
import { StatusClassChart } from './StatusClassChart.js';
import { TopList } from './TopList.js';

export function UserAgentClassChip({ userAgentClass }: { userAgentClass: UserAgentClass }) {
  return <span className={`ua-class ua-${userAgentClass}`}>{userAgentClass}</span>;
}

/** The term a class's bar or legend entry adds: `uaclass:bot`. */
const classClause = (name: UserAgentClass) => valueClause('uaclass', name, false);

/** The share of each user-agent class, as one bar split by class; clicking a class filters by it. */
function ClassShares({ web }: { web: WebRequestsOverview }) {
  const total = web.userAgentClasses.reduce((sum, c) => sum + c.sessions, 0);
  if (total === 0) return null;
  return (
    <div className="ua-shares" data-testid="ua-classes">
      <div className="ua-share-bar">
        {web.userAgentClasses.map((c) => (
          <button
            type="button"
            key={c.userAgentClass}
            className={`ua-${c.userAgentClass}`}
            style={{ flexGrow: c.sessions }}
            title={`Filter: uaclass:${c.userAgentClass}`}
            aria-label={`Filter by user agent class ${c.userAgentClass}`}
            tabIndex={-1}
            onClick={() => addFilterTerm(classClause(c.userAgentClass))}
          />
        ))}
      </div>
      <ul className="ua-share-legend">
        {USER_AGENT_CLASSES.map((name) => {
          const sessions = web.userAgentClasses.find((c) => c.userAgentClass === name)?.sessions ?? 0;
          return (
            <li key={name} data-class={name}>
              <button
                type="button"
                className="ua-share-pick"
                title={`Filter: uaclass:${name}`}
                onClick={() => addFilterTerm(classClause(name))}
              >
                <UserAgentClassChip userAgentClass={name} /> {formatCount(sessions)} (
                {formatShare(sessions, total)})
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** `extent`: the span the Sessions chart draws, which the status chart shares. */
export function WebPanels({
  query,
  extent,
}: {
  query: QueryState<WebRequestsOverview>;
  extent: TimeExtent | null;
}) {
  const web = query.data;
  if (!web?.hasRequests) return null;
  // The chart stacks classes 1xx–5xx only: a request logged with `-`, 000 or a code past 599 has
  // none, so say how many, or the total above would not be the sum of the bars.
  const classed = web.statusSeries.reduce((sum, p) => sum + p.counts.reduce((a, n) => a + n, 0), 0);
  const unclassed = web.requests - classed;
  return (
    <div className="web-panels" data-testid="web-panels">
      <section className="panel wide">
        <h2>HTTP status classes over time</h2>
        <p className="panel-hint muted" data-testid="status-hint">
          {countOf(web.requests, 'request')}
          {unclassed > 0
            ? `, ${formatCount(unclassed)} without a status code from 100 to 599 (not drawn)`
            : ''}
          . Click a class to filter by its codes.
        </p>
        <StatusClassChart query={query} extent={extent} />
      </section>
      <div className="grid-2">
        <section className="panel">
          <h2>Top paths</h2>
          <p className="panel-hint muted">Click a path to filter for it.</p>
          <TopList
            testId="top-paths"
            empty="No paths match."
            rows={web.topPaths.map((p) => ({
              key: p.path,
              label: p.path,
              sessions: p.sessions,
              clause: valueClause('path', p.path, false),
            }))}
          />
        </section>
        <section className="panel">
          <h2>User agents</h2>
          <ClassShares web={web} />
          <TopList
            testId="top-user-agents"
            empty="No user agents match."
            rows={web.topUserAgents.map((a) => ({
              key: a.userAgent,
              label: a.userAgent,
              sessions: a.sessions,
              clause: valueClause('ua', a.userAgent, false),
              extra: <UserAgentClassChip userAgentClass={a.userAgentClass} />,
            }))}
          />
        </section>
      </div>
      <div className="grid-2">
        <section className="panel">
          <h2>Methods</h2>
          <TopList
            testId="methods"
            empty="No methods match."
            rows={web.methods.map((m) => ({
              key: m.method,
              label: m.method,
              sessions: m.sessions,
              clause: valueClause('method', m.method, false),
            }))}
          />
          {web.otherMethods.methods > 0 && (
            <p className="panel-hint muted" data-testid="other-methods">
              {countOf(web.otherMethods.methods, 'more method')} not listed,{' '}
              {countOf(web.otherMethods.sessions, 'request')}. Type <code>method:</code> in the filter bar to
              find one.
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
