// The texts ECharts draws for an option, read from the SVG of its server-side renderer, so a
// test can read a chart's labels as a user would.
import { SVGRenderer } from 'echarts/renderers';
import { type EChartsOption, echarts } from '../../src-renderer/charts/echarts.js';

echarts.use([SVGRenderer]);

export function drawnTexts(option: EChartsOption): string[] {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 900, height: 300 });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  // SVG escapes markup characters in text ("<0.1 %" is written "&lt;0.1 %").
  const decode = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1] ?? ''));
}
