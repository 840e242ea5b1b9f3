// ROC and PR curves of a run on its test rows, with the chance line / the malicious share beside.
import { useMemo } from 'react';
import type { RunMetrics } from '../../../src-shared/models.js';
import { EChart } from '../../charts/EChart.js';
import type { EChartsOption } from '../../charts/echarts.js';
import type { ChartTheme } from '../../charts/palette.js';

type Points = [number, number][];

function curveOption(name: string, x: string, y: string, points: Points, reference: Points) {
  return (theme: ChartTheme): EChartsOption => ({
    animation: false,
    grid: { left: 48, right: 16, top: 28, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      // Numbers only: no log data reaches these tooltips.
      valueFormatter: (value: unknown) => (typeof value === 'number' ? value.toFixed(3) : String(value)),
    },
    legend: { textStyle: { color: theme.muted }, top: 0 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: x,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: theme.muted },
      axisLabel: { color: theme.muted },
      splitLine: { lineStyle: { color: theme.border } },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: y,
      nameTextStyle: { color: theme.muted },
      axisLabel: { color: theme.muted },
      splitLine: { lineStyle: { color: theme.border } },
    },
    series: [
      {
        name,
        type: 'line',
        data: points,
        showSymbol: false,
        lineStyle: { color: theme.accent, width: 2 },
        itemStyle: { color: theme.accent },
      },
      {
        name: 'Baseline',
        type: 'line',
        data: reference,
        showSymbol: false,
        lineStyle: { color: theme.muted, type: 'dashed', width: 1 },
        itemStyle: { color: theme.muted },
      },
    ],
  });
}

export function CurveCharts({ metrics }: { metrics: RunMetrics }) {
  const curves = metrics.curves;
  const share = metrics.testRows ? metrics.testPositives / metrics.testRows : 0;
  // Memoised: a new option function would redraw the chart on every render.
  const roc = useMemo(
    () =>
      curves
        ? curveOption('ROC', 'False-positive rate', 'True-positive rate', curves.roc, [
            [0, 0],
            [1, 1],
          ])
        : null,
    [curves],
  );
  const pr = useMemo(
    () =>
      curves
        ? curveOption('Precision–recall', 'Recall', 'Precision', curves.pr, [
            [0, share],
            [1, share],
          ])
        : null,
    [curves, share],
  );
  if (!curves)
    return (
      <p className="muted" data-testid="curves-missing">
        No ROC or PR curve points were stored with this run.
      </p>
    );
  return (
    <div className="curve-charts">
      <EChart option={roc} loading={false} testId="roc-chart" label="ROC curve" height={240} />
      <EChart option={pr} loading={false} testId="pr-chart" label="Precision-recall curve" height={240} />
    </div>
  );
}
