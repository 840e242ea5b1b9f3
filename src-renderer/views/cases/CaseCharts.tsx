// The case's own time series and countries, on the shared chart wrapper. Tooltips are HTML in
// ECharts: log-derived names go through escapeHtml.
import type { CaseBucket, CaseOverview } from '../../../src-shared/cases.js';
import { countryLabel } from '../../../src-shared/country-label.js';
import { EChart } from '../../charts/EChart.js';
import { escapeHtml, tooltipLine } from '../../charts/escape.js';
import { axisStyle, baseOption, type ChartTheme, timeAxis } from '../../charts/palette.js';
import { formatTimestamp } from '../../format.js';

type Param = { marker: string; seriesName: string; value: [number, number] | number; name: string };

/** The case's sessions per time bucket, its malicious verdicts in red. */
export function caseSeriesOption(buckets: readonly CaseBucket[]) {
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { left: 40, right: 34, top: 28, bottom: 24 },
    tooltip: {
      ...baseOption(theme).tooltip,
      trigger: 'axis',
      formatter: (params: Param[]) =>
        [escapeHtml(`${formatTimestamp((params[0]?.value as [number, number] | undefined)?.[0])} UTC`)]
          .concat(params.map((p) => tooltipLine(p.marker, p.seriesName, (p.value as [number, number])[1])))
          .join('<br>'),
    },
    // The Overview's time axis: UTC, said on the axis, day labels with their month.
    xAxis: timeAxis(theme),
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
    series: [
      {
        type: 'bar',
        name: 'other sessions',
        stack: 'sessions',
        data: buckets.map((b) => [b.bucket, b.sessions - b.malicious]),
        barMaxWidth: 14,
      },
      {
        type: 'bar',
        name: 'malicious verdicts',
        stack: 'sessions',
        data: buckets.map((b) => [b.bucket, b.malicious]),
        itemStyle: { color: theme.danger },
        barMaxWidth: 14,
      },
    ],
  });
}

/** Every session of the case over time and by country (`overview` null while it loads). */
export function CaseCharts({ overview, loading }: { overview: CaseOverview | null; loading: boolean }) {
  const buckets = overview?.activity ?? null;
  const countries = overview?.countries.slice(0, 10) ?? null;
  const empty = overview && overview.activity.length === 0 ? 'No sessions in this case yet' : null;
  return (
    <div className="case-charts">
      <EChart
        testId="case-series"
        label="Case sessions over time"
        loading={loading}
        empty={empty}
        height={200}
        option={buckets && caseSeriesOption(buckets)}
      />
      <EChart
        testId="case-countries"
        label="Case sessions by source country"
        loading={loading}
        empty={empty}
        height={200}
        option={
          countries &&
          ((theme) => ({
            ...baseOption(theme),
            grid: { left: 44, right: 12, top: 12, bottom: 24 },
            tooltip: {
              ...baseOption(theme).tooltip,
              formatter: (p: Param) => tooltipLine(p.marker, p.name, p.value),
            },
            xAxis: { type: 'value', minInterval: 1, ...axisStyle(theme) },
            yAxis: {
              type: 'category',
              inverse: true,
              data: countries.map((c) => countryLabel(c.country)),
              ...axisStyle(theme),
            },
            series: [
              { type: 'bar', name: 'sessions', data: countries.map((c) => c.sessions), barMaxWidth: 14 },
            ],
          }))
        }
      />
    </div>
  );
}
