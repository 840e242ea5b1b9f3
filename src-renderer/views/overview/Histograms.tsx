// Log-scale histograms of bytes in, bytes out and duration: bins double in width, and the count
// axis is logarithmic so the long tail stays visible. "Overlay flagged" draws the detection set's
// flagged sessions over each bin, in red, and the tooltip gives their share of the bin.
import { useMemo, useState } from 'react';
import type { Histograms } from '../../../src-shared/analytics.js';
import { binStart, type HistMetric } from '../../../src-shared/analytics-bins.js';
import { EChart } from '../../charts/EChart.js';
import { escapeHtml, tooltipLine } from '../../charts/escape.js';
import { axisStyle, baseOption, type ChartTheme } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';
import { useDetectionSet } from '../../data/useDetectionSet.js';
import { countOf, formatBytes, formatCount, formatShare } from '../../format.js';
import { useFlaggedHistograms } from './useFlaggedHistograms.js';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${+(ms / 60_000).toFixed(1)} min`;
  return `${+(ms / 3_600_000).toFixed(1)} h`;
}

// Bins start at powers of two, which binary units name exactly ("4 KiB", not "4.1 kB").
const binaryBytes = (v: number) => formatBytes(v, { base: 'binary', exact: true });

const TITLES: Record<HistMetric, { title: string; unit: (v: number) => string }> = {
  bytesIn: { title: 'Bytes in', unit: binaryBytes },
  bytesOut: { title: 'Bytes out', unit: binaryBytes },
  durationMs: { title: 'Duration', unit: formatDuration },
};

export function binLabel(bin: number, unit: (v: number) => string): string {
  return bin === 0 ? unit(0) : `${unit(binStart(bin))}–${unit(binStart(bin + 1))}`;
}

type Bins = { bin: number; sessions: number }[];

/** The height in pixels of a bin's bar at one session, which sits on the log axis's floor (1). */
const BIN_FLOOR_PX = 3;
type BinParam = { seriesIndex: number; name: string; value: number | null; marker: string };

/** One bin's tooltip: its sessions, and with the overlay its flagged ones and their share of it. */
function binTooltip(params: BinParam[], overlay: boolean): string {
  const all = params.find((p) => p.seriesIndex === 0);
  const flagged = params.find((p) => p.seriesIndex === 1);
  const sessions = all?.value ?? 0;
  const lines = [
    escapeHtml(all?.name ?? ''),
    tooltipLine(all?.marker ?? '', 'sessions', formatCount(sessions)),
  ];
  if (overlay)
    lines.push(
      tooltipLine(
        flagged?.marker ?? '',
        'flagged',
        `${formatCount(flagged?.value ?? 0)} (${formatShare(flagged?.value ?? 0, sessions)})`,
      ),
    );
  return lines.join('<br>');
}

/** `flagged`: the same histogram over the flagged sessions only, drawn over it; null for none. */
export function histogramOption(metric: HistMetric, bins: Bins, flagged: Bins | null = null) {
  const { unit } = TITLES[metric];
  const first = bins[0]?.bin;
  const last = bins.at(-1)?.bin;
  if (first === undefined || last === undefined) return null;
  const counts = new Map(bins.map((b) => [b.bin, b.sessions]));
  const flaggedCounts = new Map((flagged ?? []).map((b) => [b.bin, b.sessions]));
  const all = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    // The legend (sessions / flagged) only with the overlay, above the bars rather than over them.
    legend: { ...baseOption(theme).legend, show: flagged !== null },
    grid: { left: 46, right: 10, top: flagged ? 30 : 12, bottom: 24 },
    tooltip: {
      ...baseOption(theme).tooltip,
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: BinParam[]) => binTooltip(params, flagged !== null),
    },
    xAxis: {
      type: 'category',
      data: all.map((bin) => binLabel(bin, unit)),
      ...axisStyle(theme),
      // Bin starts only; the tooltip gives the whole bin.
      axisLabel: {
        color: theme.muted,
        fontSize: 10,
        formatter: (label: string) => label.split('–')[0],
        // One tick scheme for every histogram: zero and every 16th power of two (1, 16, 256…),
        // whatever bin a chart starts at.
        interval: (index: number) => first + index === 0 || (first + index - 1) % 4 === 0,
      },
    },
    yAxis: { type: 'log', min: 1, logBase: 10, ...axisStyle(theme) },
    // A log axis cannot place 0: empty bins are left out (null), not drawn at 1. ECharts grows a
    // log axis's bars from 1, so a bin of one session (the lone request of a rare size, often the
    // one worth a look) would be a bar of no height, drawn as the empty bins are: BIN_FLOOR_PX
    // keeps it a sliver on the floor (its count is in the tooltip).
    series: [
      {
        name: 'sessions',
        type: 'bar',
        data: all.map((bin) => counts.get(bin) || null),
        itemStyle: { color: theme.series[0] },
        barMinHeight: BIN_FLOOR_PX,
        // The flagged bar sits over the whole bin's bar, not beside it.
        barGap: '-100%',
      },
      ...(flagged
        ? [
            {
              name: 'flagged',
              type: 'bar',
              data: all.map((bin) => flaggedCounts.get(bin) || null),
              itemStyle: { color: theme.danger },
              barMinHeight: BIN_FLOOR_PX,
            },
          ]
        : []),
    ],
  });
}

export function HistogramCharts({ query }: { query: QueryState<Histograms> }) {
  const flaggedBy = useDetectionSet().name;
  const [overlay, setOverlay] = useState(false);
  const flagged = useFlaggedHistograms(overlay);
  const metrics = query.data?.metrics;
  const flaggedMetrics = overlay ? flagged.data?.metrics : undefined;
  const builds = useMemo(
    () =>
      new Map(
        (metrics ?? []).map((m) => [
          m.metric,
          m.bins.some((b) => b.sessions > 0)
            ? histogramOption(
                m.metric,
                m.bins,
                flaggedMetrics ? (flaggedMetrics.find((f) => f.metric === m.metric)?.bins ?? []) : null,
              )
            : null,
        ]),
      ),
    [metrics, flaggedMetrics],
  );
  const flaggedTotal = flaggedMetrics?.[0]?.bins.reduce((n, b) => n + b.sessions, 0);
  // Every session has a duration (0 at least), so no bin anywhere means no session matched: not
  // that the logs lack the field, which "No values recorded" says of one metric.
  const noSessions = metrics?.every((m) => !m.bins.some((b) => b.sessions > 0)) ?? false;
  return (
    <>
      <p className="chart-controls">
        <label>
          <input
            type="checkbox"
            checked={overlay}
            onChange={(event) => setOverlay(event.target.checked)}
            data-testid="hist-overlay-flagged"
          />{' '}
          Overlay flagged sessions{flaggedBy ? ` (by ${flaggedBy})` : ''}
        </label>
        {overlay && (
          <span className="muted" data-testid="hist-overlay-status">
            {flagged.error
              ? ` ${flagged.error}`
              : flagged.loading || flaggedTotal === undefined
                ? ' counting the flagged sessions…'
                : ` ${countOf(flaggedTotal, 'flagged session')} in red; hover a bin for its share`}
          </span>
        )}
      </p>
      <div className="histograms">
        {(Object.keys(TITLES) as HistMetric[]).map((metric) => (
          <figure key={metric} className="histogram">
            <figcaption>{TITLES[metric].title}</figcaption>
            <EChart
              testId={`chart-hist-${metric}`}
              label={`Histogram of ${TITLES[metric].title.toLowerCase()}, log scale`}
              option={builds.get(metric) ?? null}
              loading={query.loading}
              error={query.error}
              empty={
                metrics && !builds.get(metric)
                  ? noSessions
                    ? 'No sessions match.'
                    : 'No values recorded.'
                  : null
              }
              height={200}
            />
          </figure>
        ))}
      </div>
    </>
  );
}
