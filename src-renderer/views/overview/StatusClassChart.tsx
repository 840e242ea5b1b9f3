// Requests per status class (1xx–5xx) over time, stacked; clicking a class adds its range of codes
// and "is a web request" to the global filter (`code:400..499 uaclass:*`, chart-pivots.ts).
import { useMemo } from 'react';
import { STATUS_CLASSES, type WebRequestsOverview } from '../../../src-shared/web-requests.js';
import { type ChartEvents, EChart } from '../../charts/EChart.js';
import type { ChartTheme, TimeExtent } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';
import { addFilterTerm } from '../../state/filter.js';
import { statusClassClauses } from './chart-pivots.js';
import { stackedTimeBars } from './stacked-time-bars.js';

/** Success reads green, redirects blue, client errors amber, server errors red. */
function classColour(theme: ChartTheme, index: number): string {
  return [theme.muted, theme.series[2], theme.series[0], theme.series[1], theme.danger][index] ?? theme.muted;
}

function option(web: WebRequestsOverview, extent: TimeExtent | null) {
  // A class no request has (1xx, usually) stays out of the legend.
  return stackedTimeBars(
    'requests',
    STATUS_CLASSES.map((name, i) => ({
      name,
      colour: (theme: ChartTheme) => classColour(theme, i),
      data: web.statusSeries.map((p): [number, number] => [p.t, p.counts[i] ?? 0]),
    })).filter((stack) => stack.data.some(([, n]) => n > 0)),
    { bucketMs: web.bucketMs, extent, clickable: true },
  );
}

export function StatusClassChart({
  query,
  extent,
}: {
  query: QueryState<WebRequestsOverview>;
  extent: TimeExtent | null;
}) {
  const web = query.data;
  const build = useMemo(() => (web?.statusSeries.length ? option(web, extent) : null), [web, extent]);
  const events = useMemo<ChartEvents>(
    () => ({
      click: (params) => {
        const name = (params as { seriesName?: string }).seriesName;
        const statusClass = STATUS_CLASSES.find((c) => c === name);
        if (!statusClass) return;
        for (const clause of statusClassClauses(statusClass)) addFilterTerm(clause);
      },
    }),
    [],
  );
  return (
    <EChart
      testId="chart-status-classes"
      label="Requests by status class over time"
      option={build}
      loading={query.loading}
      error={query.error}
      empty={web && web.requests === 0 ? 'No requests match.' : null}
      events={events}
      height={240}
    />
  );
}
