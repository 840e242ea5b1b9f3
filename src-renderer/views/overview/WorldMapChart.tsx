import { useMemo, useState } from 'react';
import type { CountryTotals } from '../../../src-shared/analytics.js';
import { EChart } from '../../charts/EChart.js';
import { escapeHtml } from '../../charts/escape.js';
import { baseOption, type ChartTheme } from '../../charts/palette.js';
import { WORLD, worldRegions } from '../../charts/world-map.js';
import type { QueryState } from '../../data/query-state.js';
import { formatCount } from '../../format.js';

type Measure = 'sessions' | 'flagged';

/**
 * Colours follow log10(1 + count): one country often holds most sessions, and on a linear scale
 * every other country took the scale's lowest colour. Labels turn the log back into counts.
 */
const toScale = (count: number) => Math.log10(1 + count);
const fromScale = (value: number) => Math.max(0, Math.round(10 ** value - 1));

export function worldMapOption(rows: CountryTotals['rows'], measure: Measure) {
  const regions = worldRegions();
  const data = rows.flatMap((r) => {
    const name = regions.get(r.country.toUpperCase());
    return name ? [{ name, value: toScale(r[measure]), count: r[measure], code: r.country }] : [];
  });
  const max = Math.max(1, ...data.map((d) => d.count));
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    tooltip: {
      ...baseOption(theme).tooltip,
      trigger: 'item',
      formatter: (p: { name: string; data?: { code: string; count: number } }) =>
        `${escapeHtml(p.name)}${p.data ? ` (${escapeHtml(p.data.code)})` : ''}: <b>${escapeHtml(
          formatCount(p.data?.count ?? 0),
        )}</b> ${measure}`,
    },
    visualMap: {
      min: 0,
      max: toScale(max),
      left: 8,
      bottom: 8,
      calculable: true,
      // ECharts passes the scale's value (a log); the analyst reads counts.
      formatter: (value: number) => formatCount(fromScale(value)),
      text: [`${measure}, log scale`, ''],
      textStyle: { color: theme.muted },
      inRange: { color: [theme.low, measure === 'flagged' ? theme.danger : theme.accent] },
    },
    series: [
      {
        type: 'map',
        map: WORLD,
        roam: true,
        // The map fills its panel (ECharts keeps the aspect ratio inside this box).
        top: 8,
        bottom: 8,
        left: 8,
        right: 8,
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
  const build = useMemo(() => (rows?.length ? worldMapOption(rows, shown) : null), [rows, shown]);
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
            title={m === 'flagged' && !hasModel ? 'Nothing flags: no model on, rule hits off' : undefined}
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
