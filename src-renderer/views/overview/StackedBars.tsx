// Stacked bars by country; clicking a segment adds its country (and its type, when the stack is
// by detection type) to the global filter.
import { useMemo } from 'react';
import { type ChartEvents, EChart } from '../../charts/EChart.js';
import { escapeHtml, tooltipLine } from '../../charts/escape.js';
import { axisStyle, baseOption, type ChartTheme } from '../../charts/palette.js';
import { formatCount } from '../../format.js';
import { addFilterTerm } from '../../state/filter.js';

export interface Stack {
  name: string;
  /** The filter field a click on this stack adds (besides the country), if any. */
  term?: { field: 'type'; value: string };
  color?: string | ((theme: ChartTheme) => string);
  values: number[];
}

export const UNKNOWN = '(unknown)';
export const countryLabel = (country: string) => (country === '' ? UNKNOWN : country);

type AxisParam = { seriesName: string; name: string; value: number; marker: string };

export function stackedBarsOption(countries: string[], stacks: Stack[]) {
  return (theme: ChartTheme) => ({
    ...baseOption(theme),
    grid: { left: 54, right: 16, top: 34, bottom: 30 },
    tooltip: {
      ...baseOption(theme).tooltip,
      // The whole stack under the pointer, so a thin segment can be read beside the tall ones.
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: AxisParam[]) => {
        const shown = params.filter((p) => p.value > 0);
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
    yAxis: { type: 'value', ...axisStyle(theme) },
    series: stacks.map((stack) => ({
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
  const { countries, stacks } = props;
  const build = useMemo(
    () => (countries?.length ? stackedBarsOption(countries, stacks) : null),
    [countries, stacks],
  );
  const events = useMemo<ChartEvents>(
    () => ({
      click: (params) => {
        const { dataIndex, seriesIndex } = params as { dataIndex: number; seriesIndex: number };
        const country = countries?.[dataIndex];
        if (country === undefined) return;
        if (country !== '')
          addFilterTerm({ field: 'country', negate: false, values: [{ kind: 'text', value: country }] });
        const term = stacks[seriesIndex]?.term;
        if (term && term.value !== '')
          addFilterTerm({ field: term.field, negate: false, values: [{ kind: 'text', value: term.value }] });
      },
    }),
    [countries, stacks],
  );
  return (
    <EChart
      testId={props.testId}
      label={props.label}
      option={build}
      loading={props.loading}
      error={props.error}
      empty={props.empty ?? (countries && countries.length === 0 ? 'No sessions match.' : null)}
      events={events}
    />
  );
}
