import { useMemo } from 'react';
import type { Correlation } from '../../../src-shared/analytics.js';
import { EChart } from '../../charts/EChart.js';
import { escapeHtml } from '../../charts/escape.js';
import { baseOption, type ChartTheme } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';

export function correlationOption(c: Correlation) {
  const cells = c.matrix.flatMap((row, y) =>
    row.map((r, x) => [x, y, r === null ? '-' : Number(r.toFixed(2))]),
  );
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { left: 96, right: 70, top: 8, bottom: 70 },
    tooltip: {
      ...baseOption(theme).tooltip,
      formatter: (p: { value: [number, number, number | string] }) =>
        `${escapeHtml(c.features[p.value[1]])} × ${escapeHtml(c.features[p.value[0]])}: <b>${escapeHtml(p.value[2])}</b>`,
    },
    xAxis: {
      type: 'category',
      data: c.features,
      axisLabel: { color: theme.muted, rotate: 40, fontSize: 10 },
      axisLine: { show: false },
    },
    yAxis: {
      type: 'category',
      data: c.features,
      inverse: true,
      axisLabel: { color: theme.muted, fontSize: 10 },
      axisLine: { show: false },
    },
    visualMap: {
      min: -1,
      max: 1,
      calculable: false,
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemHeight: 120,
      // The scale's ends as numbers (a bare gradient does not say which end is which).
      text: ['+1', '−1'],
      textStyle: { color: theme.muted },
      inRange: { color: ['#3b6fb6', theme.surface, '#c2553d'] },
    },
    series: [{ type: 'heatmap', data: cells, label: { show: true, color: theme.text, fontSize: 10 } }],
  });
}

/**
 * The features that vary in the sample, and the names of those that do not: a constant feature
 * (a field these sessions never record, a duration of 0 for every request) correlates with
 * nothing, and its empty row and column only crowd the ones that say something.
 */
export function varyingFeatures(c: Correlation): { shown: Correlation; constant: string[] } {
  // A feature's r with itself is 1, or null where it is constant.
  const keep = c.features.map((_, i) => c.matrix[i]?.[i] !== null);
  const pick = <T,>(items: readonly T[]) => items.filter((_, i) => keep[i]);
  return {
    shown: { ...c, features: pick(c.features), matrix: pick(c.matrix).map((row) => pick(row)) },
    constant: c.features.filter((_, i) => !keep[i]),
  };
}

export function CorrelationChart({ query }: { query: QueryState<Correlation> }) {
  const data = query.data;
  const varying = useMemo(() => (data ? varyingFeatures(data) : null), [data]);
  const build = useMemo(
    () =>
      varying && data && data.sampleSize >= 2 && varying.shown.features.length >= 2
        ? correlationOption(varying.shown)
        : null,
    [varying, data],
  );
  const tooFew = data && data.sampleSize < 2 ? 'Too few sessions to correlate.' : null;
  return (
    <>
      {varying && varying.constant.length > 0 && !tooFew && (
        <p className="panel-hint muted" data-testid="correlation-constant">
          Constant or not recorded in the sample, so left out: {varying.constant.join(', ')}.
        </p>
      )}
      <EChart
        testId="chart-correlation"
        label="Feature correlation heatmap"
        option={build}
        loading={query.loading}
        error={query.error}
        empty={
          tooFew ??
          (varying && varying.shown.features.length < 2 ? 'Too few features vary to correlate.' : null)
        }
        height={300}
      />
    </>
  );
}
