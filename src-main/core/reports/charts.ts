// Report charts as inline SVG, rendered in Node by ECharts' server-side renderer (no canvas, no
// browser). ECharts escapes the text it draws, so data strings cannot become markup.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { bucketStart, caseTimelineBucket, HOUR } from '../../../src-shared/time-buckets.js';
import type { ReportSession } from './case-data.js';

// Loaded on the first chart, not with the module: importing ECharts takes about 0.4 s, which every
// CLI command (an ingest too) would otherwise pay at start-up.
const require = createRequire(import.meta.url);
let loaded: typeof Echarts | null = null;
const echarts = (): typeof Echarts => {
  loaded ??= require('echarts') as typeof Echarts;
  return loaded;
};

const WIDTH = 720;
const HEIGHT = 240;

function renderSvg(option: Echarts.EChartsCoreOption): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Buckets the case's sessions over time: hours for up to three days, else days. */
export function timelineChart(sessions: ReportSession[]): string | null {
  if (sessions.length === 0) return null;
  const first = Math.min(...sessions.map((s) => s.startTs));
  const last = Math.max(...sessions.map((s) => s.startTs));
  const step = caseTimelineBucket(last - first);
  const counts = new Map<number, number>();
  for (const s of sessions) {
    const bucket = bucketStart(s.startTs, step);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const buckets = [...counts].sort((a, b) => a[0] - b[0]);
  return renderSvg({
    title: { text: `Sessions per ${step === HOUR ? 'hour' : 'day'} (UTC)`, textStyle: { fontSize: 13 } },
    grid: { left: 48, right: 16, top: 40, bottom: 48 },
    xAxis: {
      type: 'category',
      data: buckets.map(([t]) =>
        new Date(t)
          .toISOString()
          .slice(0, step === 3_600_000 ? 13 : 10)
          .replace('T', ' '),
      ),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: buckets.map(([, n]) => n), itemStyle: { color: '#3b6fb6' } }],
  });
}

export function countriesChart(sessions: ReportSession[]): string | null {
  const counts = new Map<string, number>();
  for (const s of sessions) counts.set(s.country ?? '??', (counts.get(s.country ?? '??') ?? 0) + 1);
  if (counts.size === 0) return null;
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return renderSvg({
    title: { text: 'Sessions by country', textStyle: { fontSize: 13 } },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: top.map(([c]) => c) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: top.map(([, n]) => n), itemStyle: { color: '#8e5cc2' } }],
  });
}

export function verdictChart(sessions: ReportSession[]): string | null {
  const counts = new Map<string, number>();
  for (const s of sessions)
    counts.set(s.verdict ?? 'no verdict', (counts.get(s.verdict ?? 'no verdict') ?? 0) + 1);
  if (counts.size === 0) return null;
  const colours: Record<string, string> = {
    malicious: '#d94848',
    benign: '#5a9e4b',
    review: '#e08a2c',
    'no verdict': '#9aa0a6',
  };
  return renderSvg({
    title: { text: 'Verdicts', textStyle: { fontSize: 13 } },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        top: 24,
        data: [...counts].map(([name, value]) => ({ name, value, itemStyle: { color: colours[name] } })),
        label: { formatter: '{b}: {c}' },
      },
    ],
  });
}
