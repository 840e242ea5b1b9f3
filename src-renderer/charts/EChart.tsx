// One ECharts instance per mounted chart: created on mount, resized with its box, disposed on
// unmount, and re-created when the theme changes. Loading and empty states are drawn by React
// over the same box, so every chart says why it is blank.
import { useEffect, useRef } from 'react';
import { useTheme } from '../state/theme.js';
import { type ECharts, type EChartsOption, echarts } from './echarts.js';
import { type ChartTheme, chartTheme } from './palette.js';

export type ChartEvents = Record<string, (params: unknown, chart: ECharts) => void>;

export interface EChartProps {
  /** Builds the option from the theme's colours; null while there is nothing to draw. */
  option: ((theme: ChartTheme) => EChartsOption) | null;
  loading: boolean;
  /** Shown instead of the chart when set (no data, no model run…). */
  empty?: string | null;
  error?: string | null;
  events?: ChartEvents;
  height?: number;
  testId: string;
  label: string;
  /** Called after each new option is set (brush cursor and the like, which setOption resets). */
  onDrawn?: (chart: ECharts) => void;
}

export function EChart({
  option,
  loading,
  empty,
  error,
  events,
  height = 260,
  testId,
  label,
  onDrawn,
}: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const theme = useTheme();
  const latestEvents = useRef(events);
  latestEvents.current = events;
  // A reload keeps the previous chart on screen under a note, rather than blanking it.
  const drawable = option !== null && !empty && !error;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a theme change re-creates the instance.
  useEffect(() => {
    if (!drawable || !box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const names = Object.keys(latestEvents.current ?? {});
    for (const name of names)
      instance.on(name, (params: unknown) => latestEvents.current?.[name]?.(params, instance));
    instance.on('finished', () => box.current?.setAttribute('data-drawn', 'true'));
    // The observer also fires once on observe, before the first setOption: ECharts cannot resize
    // an instance without a model (it throws), and a disposed one must be left alone.
    const observer = new ResizeObserver(() => {
      if (!instance.isDisposed() && instance.getOption()) instance.resize();
    });
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [drawable, theme]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: theme is read inside via chartTheme().
  useEffect(() => {
    if (!drawable || !chart.current || !option) return;
    box.current?.setAttribute('data-drawn', 'false');
    chart.current.setOption(option(chartTheme()), { notMerge: true });
    onDrawn?.(chart.current);
  }, [option, drawable, theme, onDrawn]);

  const state = error ? 'error' : drawable ? 'ready' : loading ? 'loading' : 'empty';
  return (
    <div className="chart" data-testid={testId} data-state={state} data-loading={loading} style={{ height }}>
      {state === 'ready' && <div ref={box} className="chart-canvas" role="img" aria-label={label} />}
      {loading && <p className={state === 'ready' ? 'chart-note chart-updating' : 'chart-note'}>Loading…</p>}
      {state === 'empty' && !loading && <p className="chart-note">{empty ?? 'Nothing to show.'}</p>}
      {state === 'error' && <p className="chart-note chart-error">{error}</p>}
    </div>
  );
}
