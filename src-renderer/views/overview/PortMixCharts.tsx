import { useMemo } from 'react';
import type { PortMix } from '../../../src-shared/analytics.js';
import { EChart } from '../../charts/EChart.js';
import { axisStyle, baseOption, type ChartTheme, sessionsTooltip } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });

/** Protocols and ports each in one calm colour: red means flagged everywhere in the app. */
const BAR_COLOUR = { protocols: (t: ChartTheme) => t.series[3], ports: (t: ChartTheme) => t.series[5] };

export function barsOption(names: string[], values: number[], chart: keyof typeof BAR_COLOUR) {
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { left: 70, right: 16, top: 8, bottom: 24 },
    tooltip: sessionsTooltip(theme),
    xAxis: {
      type: 'value',
      ...axisStyle(theme),
      axisLabel: { color: theme.muted, formatter: (v: number) => compact.format(v) },
    },
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      ...axisStyle(theme),
      axisLabel: { color: theme.muted },
    },
    series: [{ type: 'bar', data: values, itemStyle: { color: BAR_COLOUR[chart](theme) ?? theme.accent } }],
  });
}

export function PortMixCharts({ query }: { query: QueryState<PortMix> }) {
  const mix = query.data;
  const protocols = useMemo(
    () =>
      mix?.protocols.length
        ? barsOption(
            mix.protocols.map((p) => p.protocol || '(none)'),
            mix.protocols.map((p) => p.sessions),
            'protocols',
          )
        : null,
    [mix],
  );
  const ports = useMemo(
    () =>
      mix?.ports.length
        ? barsOption(
            mix.ports.map((p) => (p.dstPort < 0 ? '(none)' : String(p.dstPort))),
            mix.ports.map((p) => p.sessions),
            'ports',
          )
        : null,
    [mix],
  );
  const empty = mix && !mix.protocols.length ? 'No sessions match.' : null;
  return (
    <div className="pair">
      <figure>
        <figcaption>Protocols</figcaption>
        <EChart
          testId="chart-protocols"
          label="Sessions by protocol"
          option={protocols}
          loading={query.loading}
          error={query.error}
          empty={empty}
          height={280}
        />
      </figure>
      <figure>
        <figcaption>Top destination ports</figcaption>
        <EChart
          testId="chart-ports"
          label="Sessions by destination port"
          option={ports}
          loading={query.loading}
          error={query.error}
          empty={empty}
          height={280}
        />
      </figure>
    </div>
  );
}
