// Sessions and bytes per bucket with flagged sessions marked; dragging across it sets the global
// time range (snapped to whole buckets).
import { useCallback, useMemo } from 'react';
import type { TimeSeries } from '../../../src-shared/analytics.js';
import type { HistMetric } from '../../../src-shared/analytics-bins.js';
import { bucketSpan, perBucket } from '../../charts/bucket-words.js';
import { type ChartEvents, EChart } from '../../charts/EChart.js';
import type { ECharts } from '../../charts/echarts.js';
import { escapeHtml } from '../../charts/escape.js';
import { axisStyle, baseOption, bucketMiddle, type ChartTheme, timeAxis } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';
import { formatBytes, formatCount } from '../../format.js';
import { setTimeRange } from '../../state/filter.js';

type AxisParam = { seriesName: string; value: [number, number]; marker: string; axisValue: number };

/** `recorded`: the volumes some session records; a line of zeros for the others would read as none sent. */
export function timeSeriesOption(series: TimeSeries, recorded: ReadonlySet<HistMetric> | null = null) {
  const draws = (metric: HistMetric) => recorded === null || recorded.has(metric);
  return (theme: ChartTheme) => {
    const at = (key: 'sessions' | 'bytesIn' | 'bytesOut' | 'flagged') =>
      series.points.map((p) => [bucketMiddle(p.t, series.bucketMs), p[key]]);
    const extent = series.from !== null && series.to !== null ? { from: series.from, to: series.to } : null;
    const per = perBucket(series.bucketMs);
    return {
      ...baseOption(theme),
      grid: { left: 60, right: 70, top: 34, bottom: 28 },
      tooltip: {
        ...baseOption(theme).tooltip,
        trigger: 'axis',
        formatter: (params: AxisParam[]) => {
          const head = escapeHtml(
            bucketSpan((params[0]?.axisValue ?? 0) - series.bucketMs / 2, series.bucketMs),
          );
          const lines = params.map((p) => {
            const value = p.seriesName.startsWith('Bytes')
              ? formatBytes(p.value[1])
              : formatCount(p.value[1]);
            return `${p.marker}${escapeHtml(p.seriesName)}: <b>${escapeHtml(value)}</b>`;
          });
          return [head, ...lines].join('<br>');
        },
      },
      legend: { ...baseOption(theme).legend },
      xAxis: timeAxis(theme, extent, series.bucketMs),
      yAxis: [
        {
          type: 'value',
          name: `sessions ${per}`,
          nameTextStyle: { color: theme.muted },
          ...axisStyle(theme),
        },
        {
          type: 'value',
          name: `bytes ${per}`,
          nameTextStyle: { color: theme.muted },
          ...axisStyle(theme),
          splitLine: { show: false },
          axisLabel: { color: theme.muted, formatter: (v: number) => formatBytes(v) },
        },
      ],
      brush: {
        xAxisIndex: 0,
        brushType: 'lineX',
        brushMode: 'single',
        transformable: false,
        throttleType: 'debounce',
        brushStyle: { color: 'rgba(108,182,217,0.18)', borderColor: theme.accent },
      },
      toolbox: { show: false },
      series: [
        {
          name: 'Sessions',
          type: 'bar',
          data: at('sessions'),
          itemStyle: { color: theme.series[0] },
          barGap: '-100%',
        },
        ...(series.hasModel
          ? [{ name: 'Flagged', type: 'bar', data: at('flagged'), itemStyle: { color: theme.danger }, z: 3 }]
          : []),
        ...(draws('bytesIn')
          ? [
              {
                name: 'Bytes in',
                type: 'line',
                yAxisIndex: 1,
                data: at('bytesIn'),
                showSymbol: false,
                color: theme.series[1],
              },
            ]
          : []),
        ...(draws('bytesOut')
          ? [
              {
                name: 'Bytes out',
                type: 'line',
                yAxisIndex: 1,
                data: at('bytesOut'),
                showSymbol: false,
                color: theme.series[2],
              },
            ]
          : []),
      ],
    };
  };
}

/** Lets a plain drag draw the brush (no toolbox click first). */
function armBrush(chart: ECharts) {
  chart.dispatchAction({
    type: 'takeGlobalCursor',
    key: 'brush',
    brushOption: { brushType: 'lineX', brushMode: 'single' },
  });
}

export function TimeSeriesChart({
  query,
  recorded = null,
}: {
  query: QueryState<TimeSeries>;
  recorded?: ReadonlySet<HistMetric> | null;
}) {
  const series = query.data;
  const build = useMemo(
    () => (series?.points.length ? timeSeriesOption(series, recorded) : null),
    [series, recorded],
  );
  const bucket = series?.bucketMs ?? 60_000;
  const events = useMemo<ChartEvents>(
    () => ({
      brushEnd: (params, chart) => {
        const range = (params as { areas?: { coordRange?: [number, number] }[] }).areas?.[0]?.coordRange;
        chart.dispatchAction({ type: 'brush', areas: [] });
        if (!range) return;
        const from = Math.floor(range[0] / bucket) * bucket;
        const to = Math.max(from + bucket, Math.ceil(range[1] / bucket) * bucket);
        setTimeRange({ from, to });
      },
    }),
    [bucket],
  );
  const onDrawn = useCallback(armBrush, []);
  const sessions = series?.points.reduce((sum, p) => sum + p.sessions, 0) ?? 0;
  return (
    <EChart
      testId="chart-timeseries"
      label="Sessions and bytes over time"
      option={build}
      loading={query.loading}
      error={query.error}
      empty={series && sessions === 0 ? 'No sessions match.' : null}
      events={events}
      onDrawn={onDrawn}
      height={280}
    />
  );
}
