// Report charts as inline SVG, rendered in Node by ECharts' server-side renderer (no canvas, no
// browser). ECharts escapes the text it draws, so data strings cannot become markup.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { CaseBucket } from '../../../src-shared/cases.js';
import { countryLabel } from '../../../src-shared/country-label.js';
import { HOUR } from '../../../src-shared/time-buckets.js';
import type { CaseTotals } from '../db/case-totals.js';

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

/**
 * Every bucket from the first to the last, those without sessions at 0. The totals hold only the
 * buckets that have sessions, and a category axis draws what it is given side by side: a burst at
 * 00:00 and another at 10:00 read as consecutive hours, and quiet stretches vanished.
 */
function everyBucket({ step, buckets }: NonNullable<CaseTotals['timeline']>): CaseBucket[] {
  const held = new Map(buckets.map((b) => [b.bucket, b]));
  const first = buckets[0]?.bucket ?? 0;
  const last = buckets.at(-1)?.bucket ?? first;
  const all: CaseBucket[] = [];
  for (let at = first; at <= last; at += step)
    all.push(held.get(at) ?? { bucket: at, sessions: 0, malicious: 0 });
  return all;
}

/** The case's sessions per bucket (hours for up to three days, else days), empty ones included. */
export function timelineChart(timeline: CaseTotals['timeline']): string | null {
  if (!timeline || timeline.buckets.length === 0) return null;
  const { step } = timeline;
  const buckets = everyBucket(timeline);
  return renderSvg({
    title: { text: `Sessions per ${step === HOUR ? 'hour' : 'day'} (UTC)`, textStyle: { fontSize: 13 } },
    grid: { left: 48, right: 16, top: 40, bottom: 48 },
    xAxis: {
      type: 'category',
      data: buckets.map((b) =>
        new Date(b.bucket)
          .toISOString()
          .slice(0, step === HOUR ? 13 : 10)
          .replace('T', ' '),
      ),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: buckets.map((b) => b.sessions), itemStyle: { color: '#3b6fb6' } }],
  });
}

export function countriesChart(countries: CaseTotals['countries']): string | null {
  if (countries.length === 0) return null;
  const top = countries.slice(0, 12);
  return renderSvg({
    title: { text: 'Sessions by country', textStyle: { fontSize: 13 } },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: top.map((c) => countryLabel(c.country)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: top.map((c) => c.sessions), itemStyle: { color: '#8e5cc2' } }],
  });
}

export function verdictChart(verdicts: CaseTotals['verdicts']): string | null {
  if (verdicts.length === 0) return null;
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
        data: verdicts.map(([name, value]) => ({ name, value, itemStyle: { color: colours[name] } })),
        label: { formatter: '{b}: {c}' },
      },
    ],
  });
}
