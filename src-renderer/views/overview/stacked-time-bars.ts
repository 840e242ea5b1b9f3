// A stacked bar chart over time with a per-bucket tooltip: the status classes of requests and the
// levels of rule hits are drawn this one way.
import { bucketSpan, perBucket } from '../../charts/bucket-words.js';
import type { EChartsOption } from '../../charts/echarts.js';
import { escapeHtml } from '../../charts/escape.js';
import {
  axisStyle,
  baseOption,
  bucketMiddle,
  type ChartTheme,
  type TimeExtent,
  timeAxis,
} from '../../charts/palette.js';
import { formatCount } from '../../format.js';

export interface TimeStack {
  name: string;
  colour: (theme: ChartTheme) => string;
  /** [bucket start, count] */
  data: [number, number][];
}

type AxisParam = { seriesName: string; value: [number, number]; marker: string; axisValue: number };

/**
 * `bucketMs`: the stacks' bucket (each bar spans it); `extent`: the axis' ends; `clickable`: the
 * bars take a pointer cursor (the chart's click adds a filter term).
 */
export function stackedTimeBars(
  yName: string,
  stacks: TimeStack[],
  {
    bucketMs,
    extent = null,
    clickable = false,
  }: { bucketMs: number; extent?: TimeExtent | null; clickable?: boolean },
) {
  return (theme: ChartTheme): EChartsOption => ({
    ...baseOption(theme),
    // The Sessions chart's margins (its right one holds the bytes axis): the same time, the same x.
    grid: { left: 60, right: 70, top: 34, bottom: 28 },
    legend: { ...baseOption(theme).legend },
    tooltip: {
      ...baseOption(theme).tooltip,
      trigger: 'axis',
      formatter: (params: unknown) =>
        [
          escapeHtml(bucketSpan(((params as AxisParam[])[0]?.axisValue ?? 0) - bucketMs / 2, bucketMs)),
          ...(params as AxisParam[]).map(
            (p) => `${p.marker}${escapeHtml(p.seriesName)}: <b>${escapeHtml(formatCount(p.value[1]))}</b>`,
          ),
        ].join('<br>'),
    },
    xAxis: timeAxis(theme, extent, bucketMs),
    yAxis: {
      type: 'value',
      name: `${yName} ${perBucket(bucketMs)}`,
      nameTextStyle: { color: theme.muted },
      ...axisStyle(theme),
    },
    series: stacks.map((stack) => ({
      name: stack.name,
      type: 'bar',
      stack: 'total',
      cursor: clickable ? 'pointer' : 'default',
      data: stack.data.map(([t, n]) => [bucketMiddle(t, bucketMs), n]),
      itemStyle: { color: stack.colour(theme) },
    })),
  });
}
