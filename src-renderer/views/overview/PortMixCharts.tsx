import { useMemo } from 'react';
import type { PortMix } from '../../../src-shared/analytics.js';
import { EChart } from '../../charts/EChart.js';
import { axisStyle, baseOption, type ChartTheme, sessionsTooltip } from '../../charts/palette.js';
import type { QueryState } from '../../data/query-state.js';
import { formatShare } from '../../format.js';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact' });

/** Protocols and ports each in one calm colour: red means flagged everywhere in the app. */
const BAR_COLOUR = { protocols: (t: ChartTheme) => t.series[3], ports: (t: ChartTheme) => t.series[5] };

/** `whole`: the sessions in the filter, of which each bar's label gives its share. */
export function barsOption(names: string[], values: number[], chart: keyof typeof BAR_COLOUR, whole: number) {
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { left: 70, right: 64, top: 8, bottom: 24 },
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
    series: [
      {
        type: 'bar',
        data: values,
        itemStyle: { color: BAR_COLOUR[chart](theme) ?? theme.accent },
        // The share beside each bar: a port with a handful of sessions is a bar too thin to see.
        label: {
          show: true,
          position: 'right',
          color: theme.muted,
          fontSize: 10,
          formatter: (p: { value: number }) => formatShare(p.value, whole),
        },
      },
    ],
  });
}

/**
 * What each chart says instead of bars when it has nothing to rank: no session matches, or no
 * session records the field at all (access logs have no protocol or port), where one bar of
 * "(none)" at 100 % would read as a finding.
 */
export function portMixNotes(mix: PortMix): { protocols: string | null; ports: string | null } {
  if (mix.protocols.length === 0) return { protocols: 'No sessions match.', ports: 'No sessions match.' };
  const noProtocol = mix.protocols.every((p) => p.protocol === '');
  const noPort = mix.ports.every((p) => p.dstPort < 0);
  return {
    protocols: noProtocol ? 'No protocol recorded in these sessions.' : null,
    ports: noPort ? 'No destination port recorded in these sessions.' : null,
  };
}

export function PortMixCharts({ query }: { query: QueryState<PortMix> }) {
  const mix = query.data;
  // Every session has one protocol (or none, listed too), so the protocols add up to the filter's sessions.
  const whole = mix?.protocols.reduce((sum, p) => sum + p.sessions, 0) ?? 0;
  const protocols = useMemo(
    () =>
      mix?.protocols.length
        ? barsOption(
            mix.protocols.map((p) => p.protocol || '(none)'),
            mix.protocols.map((p) => p.sessions),
            'protocols',
            whole,
          )
        : null,
    [mix, whole],
  );
  const ports = useMemo(
    () =>
      mix?.ports.length
        ? barsOption(
            mix.ports.map((p) => (p.dstPort < 0 ? '(none)' : String(p.dstPort))),
            mix.ports.map((p) => p.sessions),
            'ports',
            whole,
          )
        : null,
    [mix, whole],
  );
  const notes = mix ? portMixNotes(mix) : { protocols: null, ports: null };
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
          empty={notes.protocols}
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
          empty={notes.ports}
          height={280}
        />
      </figure>
    </div>
  );
}
