// The drill-down's sessions-over-time bars: a small ECharts canvas with only what it needs
// bundled. Tooltips are ECharts' own text (numbers and dates we format), never log strings.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { IpProfile } from '../../../src-shared/graph.js';
import { formatTimestamp } from '../../format.js';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export function SeriesChart({ series, colour }: { series: IpProfile['series']; colour: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      grid: { left: 36, right: 8, top: 8, bottom: 22 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => String(value) },
      xAxis: {
        type: 'time',
        axisLabel: { color: colour, fontSize: 10, hideOverlap: true },
        axisLine: { lineStyle: { color: colour } },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: colour, fontSize: 10 },
        splitLine: { lineStyle: { opacity: 0.15 } },
      },
      series: [
        {
          type: 'bar',
          name: 'sessions',
          data: series.map((point) => [point.bucket, point.sessions]),
          itemStyle: { color: '#6cb6d9' },
          barMaxWidth: 12,
        },
      ],
    });
    return () => chart.dispose();
  }, [series, colour]);
  return (
    <div
      ref={ref}
      className="graph-series"
      role="img"
      aria-label={`Sessions over time, ${series.length} buckets from ${formatTimestamp(series[0]?.bucket)}`}
      data-testid="ip-series"
    />
  );
}
