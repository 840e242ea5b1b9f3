// Requests per status class (2xx/3xx/4xx/5xx) over time, stacked; clicking a class adds its range
// of codes to the global filter (`code:400..499`).
import { useMemo } from 'react';
import {
  STATUS_CLASSES,
  statusClassRange,
  type WebRequestsOverview,
} from '../../../src-shared/web-requests.js';
import { type ChartEvents, EChart } from '../../charts/EChart.js';
import { escapeHtml } from '../../charts/escape.js';
import { axisStyle, baseOption, type ChartTheme } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';
import { formatCount, formatTimestamp } from '../../format.js';
import { addFilterTerm } from '../../state/filter.js';

/** Success reads green, redirects blue, client errors amber, server errors red. */
function classColour(theme: ChartTheme, index: number): string {
  return [theme.muted, theme.series[2], theme.series[0], theme.series[1], theme.danger][index] ?? theme.muted;
}

type AxisParam = { seriesName: string; value: [number, number]; marker: string; axisValue: number };

function option(web: WebRequestsOverview) {
  // A class no request has is left out of the legend (1xx, usually).
  const shown = STATUS_CLASSES.map((name, i) => ({ name, i })).filter(({ i }) =>
    web.statusSeries.some((p) => (p.counts[i] ?? 0) > 0),
  );
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { left: 60, right: 24, top: 34, bottom: 28 },
    legend: { ...baseOption(theme).legend },
    tooltip: {
      ...baseOption(theme).tooltip,
      trigger: 'axis',
      formatter: (params: AxisParam[]) =>
        [
          `${escapeHtml(formatTimestamp(params[0]?.axisValue))} UTC`,
          ...params.map(
            (p) => `${p.marker}${escapeHtml(p.seriesName)}: <b>${escapeHtml(formatCount(p.value[1]))}</b>`,
          ),
        ].join('<br>'),
    },
    xAxis: { type: 'time', ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: 'requests', nameTextStyle: { color: theme.muted }, ...axisStyle(theme) },
    series: shown.map(({ name, i }) => ({
      name,
      type: 'bar',
      stack: 'status',
      cursor: 'pointer',
      data: web.statusSeries.map((p) => [p.t, p.counts[i] ?? 0]),
      itemStyle: { color: classColour(theme, i) },
    })),
  });
}

export function StatusClassChart({ query }: { query: QueryState<WebRequestsOverview> }) {
  const web = query.data;
  const build = useMemo(() => (web?.statusSeries.length ? option(web) : null), [web]);
  const events = useMemo<ChartEvents>(
    () => ({
      click: (params) => {
        const name = (params as { seriesName?: string }).seriesName;
        const statusClass = STATUS_CLASSES.find((c) => c === name);
        if (!statusClass) return;
        const { min, max } = statusClassRange(statusClass);
        addFilterTerm({ field: 'code', negate: false, values: [{ kind: 'range', min, max }] });
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
