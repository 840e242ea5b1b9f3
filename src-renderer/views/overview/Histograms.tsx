// Log-scale histograms of bytes in, bytes out and duration: bins double in width, and the count
// axis is logarithmic so the long tail stays visible.
import { useMemo } from 'react';
import type { Histograms } from '../../../src-shared/analytics.js';
import { binStart, type HistMetric } from '../../../src-shared/analytics-bins.js';
import { EChart } from '../../charts/EChart.js';
import { axisStyle, baseOption, type ChartTheme, sessionsTooltip } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';
import { formatBytes } from '../../format.js';

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

export function histogramOption(metric: HistMetric, bins: { bin: number; sessions: number }[]) {
  const { unit } = TITLES[metric];
  const first = bins[0]?.bin;
  const last = bins.at(-1)?.bin;
  if (first === undefined || last === undefined) return null;
  const counts = new Map(bins.map((b) => [b.bin, b.sessions]));
  const all = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { left: 46, right: 10, top: 12, bottom: 24 },
    tooltip: sessionsTooltip(theme),
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
    // A log axis cannot place 0: empty bins are left out (null), not drawn at 1.
    series: [
      { type: 'bar', data: all.map((bin) => counts.get(bin) || null), itemStyle: { color: theme.series[0] } },
    ],
  });
}

export function HistogramCharts({ query }: { query: QueryState<Histograms> }) {
  const metrics = query.data?.metrics;
  const builds = useMemo(
    () =>
      new Map(
        (metrics ?? []).map((m) => [
          m.metric,
          m.bins.some((b) => b.sessions > 0) ? histogramOption(m.metric, m.bins) : null,
        ]),
      ),
    [metrics],
  );
  return (
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
            empty={metrics && !builds.get(metric) ? 'No values recorded.' : null}
            height={200}
          />
        </figure>
      ))}
    </div>
  );
}
