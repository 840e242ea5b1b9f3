import { useMemo, useState } from 'react';
import type { CountryTotals } from '../../../src-shared/analytics.js';
import { EChart } from '../../charts/EChart.js';
import { escapeHtml } from '../../charts/escape.js';
import { baseOption, type ChartTheme } from '../../charts/palette.js';
import { WORLD, worldRegions } from '../../charts/world-map.js';
import type { QueryState } from '../../data/query-state.js';
import { formatCount } from '../../format.js';

type Measure = 'sessions' | 'flagged';

function option(rows: CountryTotals['rows'], measure: Measure) {
  const regions = worldRegions();
  const data = rows.flatMap((r) => {
    const name = regions.get(r.country.toUpperCase());
    return name ? [{ name, value: r[measure], code: r.country }] : [];
  });
  const max = Math.max(1, ...data.map((d) => d.value));
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    tooltip: {
      ...baseOption(theme).tooltip,
      trigger: 'item',
      formatter: (p: { name: string; value: number; data?: { code: string } }) =>
        `${escapeHtml(p.name)}${p.data ? ` (${escapeHtml(p.data.code)})` : ''}: <b>${escapeHtml(
          Number.isFinite(p.value) ? formatCount(p.value) : '0',
        )}</b> ${measure}`,
    },
    visualMap: {
      min: 0,
      max,
      left: 8,
      bottom: 8,
      calculable: true,
      textStyle: { color: theme.muted },
      inRange: { color: [theme.low, measure === 'flagged' ? theme.danger : theme.accent] },
    },
    series: [
      {
        type: 'map',
        map: WORLD,
        roam: true,
        // No dot per country: the fill already carries the value.
        showLegendSymbol: false,
        data,
        itemStyle: { areaColor: theme.border, borderColor: theme.surface, borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: theme.series[1] } },
        select: { disabled: true },
      },
    ],
  });
}

/** Source countries on a world map, by sessions or (once a model runs) flagged sessions. */
export function WorldMapChart({ query }: { query: QueryState<CountryTotals> }) {
  const [measure, setMeasure] = useState<Measure>('sessions');
  const rows = query.data?.rows;
  const hasModel = query.data?.hasModel ?? false;
  const shown: Measure = hasModel ? measure : 'sessions';
  const build = useMemo(() => (rows?.length ? option(rows, shown) : null), [rows, shown]);
  return (
    <>
      <fieldset className="segmented">
        <legend className="visually-hidden">Map measure</legend>
        {(['sessions', 'flagged'] as const).map((m) => (
          <button
            key={m}
            type="button"
            className="small"
            aria-pressed={shown === m}
            disabled={m === 'flagged' && !hasModel}
            title={m === 'flagged' && !hasModel ? 'No model run yet' : undefined}
            onClick={() => setMeasure(m)}
          >
            {m === 'sessions' ? 'Sessions' : 'Flagged'}
          </button>
        ))}
      </fieldset>
      <EChart
        testId="chart-world"
        label="Source countries on a world map"
        option={build}
        loading={query.loading}
        error={query.error}
        empty={rows && rows.length === 0 ? 'No sessions match.' : null}
        height={420}
      />
    </>
  );
}
