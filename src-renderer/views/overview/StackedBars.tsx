// Stacked bars by country; clicking a segment adds its country (`-country:*` for "(unknown)") and
// its stack's own term (its detection type, `-type:*` for "(no type)", or flagged:yes / flagged:no)
// to the global filter (chart-pivots.ts), so the filter selects the sessions the segment counted. "Log scale" makes small categories visible: on a log
// axis the segment at the bottom of a stack takes the first decades, so the stacks are put
// smallest first there and a type with 5 sessions beside one with 50 000 gets a visible band.
// The axis counts 1 + sessions: every stack stands on an invisible base of 1, because ECharts
// draws no segment stacked on a zero (log 0 has no place), which left a country without the
// smallest type with its next one missing. The tooltip gives the true counts.
import { useMemo, useState } from 'react';
import { countryLabel } from '../../../src-shared/country-label.js';
import type { FilterClause } from '../../../src-shared/filter/index.js';
import { type ChartEvents, EChart } from '../../charts/EChart.js';
import { escapeHtml, tooltipLine } from '../../charts/escape.js';
import { axisStyle, baseOption, type ChartTheme } from '../../charts/palette.js';
import { formatCount } from '../../format.js';
import { addFilterTerm } from '../../state/filter.js';
import { segmentClauses } from './chart-pivots.js';

export interface Stack {
  name: string;
  /** The clause a click on this stack adds besides the country. */
  term?: FilterClause;
  color?: string | ((theme: ChartTheme) => string);
  values: number[];
}

type AxisParam = { seriesName: string; name: string; value: number; marker: string; seriesIndex: number };

/** The log scale's base under every stack (see the top of the file); series 0 when present. */
const BASE = '';

const total = (stack: Stack) => stack.values.reduce((sum, v) => sum + v, 0);

/** For the log scale: the smallest stacks at the bottom, where a log axis gives them room. */
export function smallestFirst(stacks: Stack[]): Stack[] {
  return [...stacks].sort((a, b) => total(a) - total(b));
}

export function stackedBarsOption(countries: string[], stacks: Stack[], log = false) {
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { left: 54, right: 16, top: 34, bottom: 30 },
    tooltip: {
      ...baseOption(theme).tooltip,
      // The whole stack under the pointer, so a thin segment can be read beside the tall ones.
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: AxisParam[]) => {
        const shown = params.filter((p) => p.value > 0 && !(log && p.seriesIndex === 0));
        const total = shown.reduce((sum, p) => sum + p.value, 0);
        return [
          escapeHtml(params[0]?.name ?? ''),
          ...shown.map((p) => tooltipLine(p.marker, p.seriesName, formatCount(p.value))),
          `Total: <b>${escapeHtml(formatCount(total))}</b>`,
        ].join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      data: countries.map(countryLabel),
      ...axisStyle(theme),
      axisLabel: { color: theme.muted, interval: 0 },
    },
    legend: { ...baseOption(theme).legend, data: stacks.map((s) => s.name) },
    yAxis: log
      ? {
          type: 'log',
          min: 1,
          logBase: 10,
          name: '1 + sessions',
          nameTextStyle: { color: theme.muted },
          ...axisStyle(theme),
        }
      : { type: 'value', ...axisStyle(theme) },
    series: [
      ...(log
        ? [
            {
              name: BASE,
              type: 'bar',
              stack: 'total',
              data: countries.map(() => 1),
              silent: true,
              itemStyle: { color: 'transparent' },
              emphasis: { disabled: true },
            },
          ]
        : []),
      ...stacks.map((stack) => ({
        name: stack.name,
        type: 'bar',
        stack: 'total',
        data: stack.values,
        cursor: 'pointer',
        emphasis: { focus: 'series' },
        ...(stack.color
          ? { itemStyle: { color: typeof stack.color === 'function' ? stack.color(theme) : stack.color } }
          : {}),
      })),
    ],
  });
}

export function StackedBars(props: {
  testId: string;
  label: string;
  countries: string[] | null;
  stacks: Stack[];
  loading: boolean;
  error: string | null;
  empty: string | null;
}) {
  const [log, setLog] = useState(false);
  const { countries } = props;
  const stacks = useMemo(() => (log ? smallestFirst(props.stacks) : props.stacks), [log, props.stacks]);
  const build = useMemo(
    () => (countries?.length ? stackedBarsOption(countries, stacks, log) : null),
    [countries, stacks, log],
  );
  const events = useMemo<ChartEvents>(
    () => ({
      click: (params) => {
        const { dataIndex, seriesIndex } = params as { dataIndex: number; seriesIndex: number };
        const country = countries?.[dataIndex];
        if (country === undefined) return;
        // Under the log scale series 0 is the invisible base.
        const term = stacks[log ? seriesIndex - 1 : seriesIndex]?.term;
        for (const clause of segmentClauses(country, term)) addFilterTerm(clause);
      },
    }),
    [countries, stacks, log],
  );
  const empty = props.empty ?? (countries && countries.length === 0 ? 'No sessions match.' : null);
  return (
    <>
      {/* No scale to choose for a chart that draws nothing. */}
      {empty === null && (
        <p className="chart-controls">
          <label>
            <input
              type="checkbox"
              checked={log}
              onChange={(event) => setLog(event.target.checked)}
              data-testid={`${props.testId}-log`}
            />{' '}
            Log scale, 1 + sessions (small categories visible)
          </label>
        </p>
      )}
      <EChart
        testId={props.testId}
        label={props.label}
        option={build}
        loading={props.loading}
        error={props.error}
        empty={empty}
        events={events}
      />
    </>
  );
}
