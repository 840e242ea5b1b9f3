// The Overview's chart options drawn for real by ECharts (its server-side SVG renderer, so the
// labels can be read back as text) and their tooltips called as ECharts calls them.
process.env.TZ = 'Pacific/Auckland'; // far from UTC: a local-time axis would show other hours

import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { type EChartsOption, echarts } from '../../src-renderer/charts/echarts.js';
import { correlationOption } from '../../src-renderer/views/overview/CorrelationChart.js';
import { histogramOption } from '../../src-renderer/views/overview/Histograms.js';
import { barsOption } from '../../src-renderer/views/overview/PortMixCharts.js';
import { smallestFirst, stackedBarsOption } from '../../src-renderer/views/overview/StackedBars.js';
import { stackedTimeBars } from '../../src-renderer/views/overview/stacked-time-bars.js';
import { timeSeriesOption } from '../../src-renderer/views/overview/TimeSeriesChart.js';
import { TEST_THEME } from '../helpers/chart-theme.js';
import { drawnTexts } from '../helpers/drawn-texts.js';

echarts.use([SVGRenderer]);

const theme = TEST_THEME;

const HOUR = 3_600_000;
const series = (from: number, step: number, n: number) => ({
  bucketMs: step,
  from,
  to: from + step * n,
  hasModel: false,
  points: Array.from({ length: n }, (_, i) => ({
    t: from + i * step,
    sessions: 5,
    bytesIn: 1,
    bytesOut: 1,
    flagged: 0,
  })),
  source: 'rollup' as const,
});

describe('the time axis', () => {
  it('labels hours in UTC and says so, whatever the machine time zone', () => {
    const texts = drawnTexts(timeSeriesOption(series(Date.UTC(2026, 1, 1), HOUR, 7))(theme) as EChartsOption);
    expect(texts).toContain('03:00');
    expect(texts).not.toContain('16:00'); // 03:00 UTC in Auckland
    expect(texts.some((t) => t.includes('UTC'))).toBe(true);
  });

  it('draws no line for a volume the logs do not record, and says so in the legend', () => {
    const option = timeSeriesOption(series(Date.UTC(2026, 1, 1), HOUR, 7), new Set(['bytesOut']))(theme) as {
      series: { name: string }[];
    };
    expect(option.series.map((s) => s.name)).toEqual(['Sessions', 'Bytes out']);
    const all = timeSeriesOption(series(Date.UTC(2026, 1, 1), HOUR, 7))(theme) as {
      series: { name: string }[];
    };
    expect(all.series.map((s) => s.name)).toEqual(['Sessions', 'Bytes in', 'Bytes out']);
  });

  it('draws each bucket over the time it counts, on the span the charts share', () => {
    const from = Date.UTC(2026, 1, 1);
    const sessions = timeSeriesOption(series(from, HOUR, 7))(theme) as unknown as {
      xAxis: { min: number; max: number };
      series: { data: [number, number][] }[];
    };
    // The 00:00–01:00 bucket stands at 00:30, not centred on 00:00 (half of it before its time).
    expect(sessions.series[0]?.data[0]).toEqual([from + HOUR / 2, 5]);
    expect(sessions.xAxis).toMatchObject({ min: from, max: from + 7 * HOUR });
    const status = stackedTimeBars(
      'requests',
      [{ name: '2xx', colour: () => '#0f0', data: [[from + HOUR, 3]] }],
      {
        bucketMs: HOUR,
        extent: { from, to: from + 7 * HOUR },
      },
    )(theme) as { xAxis: { min: number; max: number }; series: { data: [number, number][] }[] };
    expect(status.series[0]?.data).toEqual([[from + 1.5 * HOUR, 3]]);
    expect(status.xAxis).toMatchObject({ min: from, max: from + 7 * HOUR });
  });

  it('widens the axis to whole buckets, so a span of one session still draws its bar whole', () => {
    // One stored session at 00:00:10: the span is that millisecond, its bucket the minute 00:00–00:01.
    const at = Date.UTC(2024, 3, 25, 0, 0, 10);
    const minute = Date.UTC(2024, 3, 25);
    const one = {
      bucketMs: 60_000,
      from: at,
      to: at + 1,
      hasModel: false,
      points: [{ t: minute, sessions: 1, bytesIn: 10, bytesOut: 20, flagged: 0 }],
      source: 'rollup' as const,
    };
    const option = timeSeriesOption(one)(theme) as unknown as { xAxis: { min: number; max: number } };
    expect(option.xAxis).toMatchObject({ min: minute, max: minute + 60_000 });
    const status = stackedTimeBars('requests', [{ name: '2xx', colour: () => '#0f0', data: [[minute, 1]] }], {
      bucketMs: 60_000,
      extent: { from: at, to: at + 1 },
    })(theme) as { xAxis: { min: number; max: number } };
    expect(status.xAxis).toMatchObject({ min: minute, max: minute + 60_000 });
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 600, height: 280 });
    chart.setOption(option as EChartsOption);
    const layout = (
      chart as unknown as {
        getModel(): { getSeriesByIndex(i: number): { getData(): { getItemLayout(i: number): unknown } } };
      }
    )
      .getModel()
      .getSeriesByIndex(0)
      .getData()
      .getItemLayout(0) as { width: number; height: number };
    expect(Math.abs(layout.width)).toBeGreaterThan(10);
    expect(Math.abs(layout.height)).toBeGreaterThan(10);
    chart.dispose();
  });

  it('names the bucket a bar counts on the count axes, and its whole span in the tooltip', () => {
    const from = Date.UTC(2026, 1, 1);
    const option = timeSeriesOption(series(from, HOUR, 7))(theme) as unknown as {
      tooltip: { formatter: (p: unknown) => string };
    };
    const texts = drawnTexts(option as EChartsOption);
    expect(texts).toEqual(expect.arrayContaining(['sessions per hour', 'bytes per hour']));
    const html = option.tooltip.formatter([
      { seriesName: 'Sessions', value: [from + 3.5 * HOUR, 5], marker: '', axisValue: from + 3.5 * HOUR },
    ]);
    expect(html).toContain('2026-02-01 03:00:00 – 04:00:00 UTC');
    const status = stackedTimeBars('requests', [{ name: '2xx', colour: () => '#0f0', data: [[from, 3]] }], {
      bucketMs: 5 * 60_000,
      extent: { from, to: from + HOUR },
    })(theme) as unknown as { tooltip: { formatter: (p: unknown) => string } };
    expect(drawnTexts(status as EChartsOption)).toContain('requests per 5 min');
    expect(
      status.tooltip.formatter([
        { seriesName: '2xx', value: [from + 150_000, 3], marker: '', axisValue: from + 150_000 },
      ]),
    ).toContain('2026-02-01 00:00:00 – 00:05:00 UTC');
  });

  it('puts the month on day labels, so a month change shows', () => {
    const texts = drawnTexts(
      timeSeriesOption(series(Date.UTC(2026, 0, 25), 24 * HOUR, 12))(theme) as EChartsOption,
    );
    expect(texts.some((t) => /^\d{1,2} Jan$/.test(t))).toBe(true);
    expect(texts.some((t) => /^(\d{1,2} )?Feb/.test(t))).toBe(true);
  });
});

describe('the port mix', () => {
  it('draws port bars in a colour that is not the red of flagged', () => {
    const option = barsOption(['443', '80'], [10, 3], 'ports', 13)(theme) as {
      series: { itemStyle: { color: string } }[];
    };
    const colour = option.series[0]?.itemStyle.color;
    expect(colour).toBeDefined();
    expect(colour).not.toBe(theme.danger);
  });
});

describe('the histograms', () => {
  const bins = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({ bin: from + i, sessions: 10 + i }));

  it('label bytes at every 16th power of two in binary units, which are exact there', () => {
    const texts = drawnTexts(histogramOption('bytesIn', bins(6, 26))?.(theme) as EChartsOption);
    expect(texts).toEqual(expect.arrayContaining(['256 B', '4 KiB', '64 KiB', '1 MiB', '16 MiB']));
    expect(texts.some((t) => /\d\.\d/.test(t))).toBe(false);
  });

  it('label durations at the same bins', () => {
    const texts = drawnTexts(histogramOption('durationMs', bins(3, 15))?.(theme) as EChartsOption);
    expect(texts).toEqual(expect.arrayContaining(['16 ms', '256 ms']));
  });
});

describe('the port mix shares', () => {
  it('label every bar with its share, so a bar too thin to see still reads', () => {
    const texts = drawnTexts(
      barsOption(['443', '22'], [199_999, 1], 'ports', 200_000)(theme) as EChartsOption,
    );
    expect(texts).toContain('>99.9 %');
    expect(texts).toContain('<0.1 %');
  });
});

describe('the correlation legend', () => {
  it('has numbers at its ends', () => {
    const texts = drawnTexts(
      correlationOption({
        features: ['a', 'b'],
        matrix: [
          [1, -0.5],
          [-0.5, 1],
        ],
        sampleSize: 10,
      })(theme) as EChartsOption,
    );
    expect(texts).toContain('+1');
    expect(texts).toContain('−1');
  });
});

describe('stacked bars', () => {
  it('show the whole stack and its total in the tooltip', () => {
    const option = stackedBarsOption(
      ['US', 'DE'],
      [
        { name: 'sqli', values: [1200, 3] },
        { name: '<xss>', values: [40, 0] },
      ],
    )(theme) as { tooltip: { trigger: string; formatter: (p: unknown) => string } };
    expect(option.tooltip.trigger).toBe('axis');
    const html = option.tooltip.formatter([
      { seriesName: 'sqli', name: 'US', value: 1200, marker: '', dataIndex: 0 },
      { seriesName: '<xss>', name: 'US', value: 40, marker: '', dataIndex: 0 },
    ]);
    expect(html).toContain('sqli: <b>1,200</b>');
    expect(html).toContain('&lt;xss&gt;: <b>40</b>');
    expect(html).toContain('Total: <b>1,240</b>');
  });
});

describe('flagged sessions over the histograms (issue 18 §6)', () => {
  const bins = [
    { bin: 10, sessions: 1053 },
    { bin: 11, sessions: 40 },
  ];

  it('draw the flagged count of each bin in red over its bar, and give its share in the tooltip', () => {
    const option = histogramOption('bytesIn', bins, [{ bin: 10, sessions: 104 }])?.(theme) as {
      series: { name: string; itemStyle: { color: string }; data: (number | null)[]; barGap?: string }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['sessions', [1053, 40]],
      ['flagged', [104, null]],
    ]);
    expect(option.series[1]?.itemStyle.color).toBe(theme.danger);
    expect(option.series[0]?.barGap).toBe('-100%');
    const html = option.tooltip.formatter([
      { seriesIndex: 0, name: '8 KiB–16 KiB', value: 1053, marker: '' },
      { seriesIndex: 1, name: '8 KiB–16 KiB', value: 104, marker: '' },
    ]);
    expect(html).toContain('sessions: <b>1,053</b>');
    expect(html).toContain('flagged: <b>104 (9.9 %)</b>');
  });

  it('draw a bin of one session, which a log axis puts on its floor, as a sliver and not as nothing', () => {
    const build = histogramOption(
      'bytesIn',
      [
        { bin: 10, sessions: 1 },
        { bin: 12, sessions: 300 },
      ],
      [{ bin: 10, sessions: 1 }],
    );
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 400, height: 200 });
    chart.setOption(build?.(theme) as EChartsOption);
    // Bar heights as ECharts laid them out (negative: bars grow upwards); an empty bin has none.
    const heights = (series: number) => {
      const data = (
        chart as unknown as {
          getModel(): { getSeriesByIndex(i: number): { getData(): { getItemLayout(i: number): unknown } } };
        }
      )
        .getModel()
        .getSeriesByIndex(series)
        .getData();
      return [0, 1, 2].map((i) => (data.getItemLayout(i) as { height: number } | null)?.height ?? null);
    };
    const [one, empty, many] = heights(0);
    expect(Math.abs(one ?? 0)).toBeGreaterThanOrEqual(2);
    expect(Math.abs(empty ?? 0) || 0).toBe(0); // NaN: no bar laid out
    expect(Math.abs(many ?? 0)).toBeGreaterThan(50);
    expect(Math.abs(heights(1)[0] ?? 0)).toBeGreaterThanOrEqual(2);
    chart.dispose();
  });

  it('draw one series and no flagged line without the overlay', () => {
    const option = histogramOption('bytesIn', bins)?.(theme) as { series: unknown[] };
    expect(option.series).toHaveLength(1);
  });
});

describe('stacked bars on a log scale (issue 18 §6)', () => {
  const stacks = [
    { name: 'waf_rule', values: [50_000, 189] },
    { name: 'flow_log', values: [0, 4] },
    { name: 'threat_intel', values: [5, 13] },
  ];

  it('put the smallest types at the bottom, where a log axis gives them room', () => {
    expect(smallestFirst(stacks).map((s) => s.name)).toEqual(['flow_log', 'threat_intel', 'waf_rule']);
  });

  it('draw a log axis of 1 + sessions on an invisible base, and keep the base out of the tooltip', () => {
    const build = stackedBarsOption(['US', 'IL'], smallestFirst(stacks), true);
    const texts = drawnTexts(build(theme) as EChartsOption);
    expect(texts).toEqual(expect.arrayContaining(['1', '10', '100', '1,000', '10,000', '1 + sessions']));
    const option = build(theme) as {
      series: { name: string; data: number[]; stack: string }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    expect(option.series[0]).toMatchObject({ name: '', data: [1, 1], stack: 'total' });
    const html = option.tooltip.formatter([
      { seriesIndex: 0, seriesName: '', name: 'IL', value: 1, marker: '' },
      { seriesIndex: 1, seriesName: 'flow_log', name: 'IL', value: 4, marker: '' },
      { seriesIndex: 2, seriesName: 'threat_intel', name: 'IL', value: 13, marker: '' },
    ]);
    expect(html).toContain('Total: <b>17</b>');
    expect(drawnTexts(stackedBarsOption(['US'], stacks)(theme) as EChartsOption)).not.toContain(
      '1 + sessions',
    );
  });
});
