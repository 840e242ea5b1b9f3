// The world map as ECharts gets it, and its colour scale as ECharts applies it.

import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { echarts } from '../../src-renderer/charts/echarts.js';
import { WORLD, worldRegions } from '../../src-renderer/charts/world-map.js';
import { worldMapOption } from '../../src-renderer/views/overview/WorldMapChart.js';
import { TEST_THEME } from '../helpers/chart-theme.js';

type Ring = [number, number][];
type Feature = { properties: { name: string }; geometry: { type: string; coordinates: unknown } };

const ringsOf = (f: Feature): Ring[] =>
  f.geometry.type === 'Polygon'
    ? (f.geometry.coordinates as Ring[])
    : (f.geometry.coordinates as Ring[][]).flat();

const registered = (): Feature[] => {
  worldRegions();
  const map = echarts.getMap(WORLD) as unknown as {
    geoJSON?: { features: Feature[] };
    geoJson?: { features: Feature[] };
  };
  return (map.geoJSON ?? map.geoJson)?.features ?? [];
};

describe('the world map geometry', () => {
  it('has no ring that jumps across the map at the date line (the stray bands)', () => {
    const features = registered();
    for (const name of ['Russia', 'Fiji', 'United States of America']) {
      const feature = features.find((f) => f.properties.name === name);
      expect(feature, name).toBeDefined();
      for (const ring of ringsOf(feature as Feature)) {
        for (let i = 1; i < ring.length; i++)
          expect(Math.abs((ring[i]?.[0] ?? 0) - (ring[i - 1]?.[0] ?? 0)), name).toBeLessThanOrEqual(180);
        for (const [lon] of ring) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      }
    }
  });

  it('keeps the land on both sides of the date line (Fiji east and west of 180°)', () => {
    const fiji = registered().find((f) => f.properties.name === 'Fiji') as Feature;
    const lons = ringsOf(fiji)
      .flat()
      .map(([lon]) => lon);
    expect(lons.some((lon) => lon > 177)).toBe(true);
    expect(lons.some((lon) => lon < -179)).toBe(true);
  });
});

echarts.use([SVGRenderer]);

const theme = TEST_THEME;

const ROWS = [
  { country: 'US', sessions: 61_183, flagged: 0 },
  { country: 'DE', sessions: 120, flagged: 0 },
  { country: 'FR', sessions: 12, flagged: 0 },
];

/** The fill ECharts gives each country, by the atlas name, and the texts it draws. */
function drawn() {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 900, height: 420 });
  chart.setOption(worldMapOption(ROWS, 'sessions')(theme) as Parameters<typeof chart.setOption>[0]);
  const model = chart as unknown as {
    getModel(): { getSeriesByIndex(i: number): { getData(): SeriesData } };
  };
  type SeriesData = {
    count(): number;
    getName(i: number): string;
    getItemVisual(i: number, key: string): { fill: string };
  };
  const data = model.getModel().getSeriesByIndex(0).getData();
  const fills = new Map<string, string>();
  for (let i = 0; i < data.count(); i++) fills.set(data.getName(i), data.getItemVisual(i, 'style').fill);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return { fills, texts: [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '') };
}

const rgb = (colour: string) => {
  const m = colour.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)/) ?? colour.match(/#(..)(..)(..)/);
  if (!m) throw new Error(`not a colour: ${colour}`);
  return m.slice(1, 4).map((c) => (colour.startsWith('#') ? Number.parseInt(c, 16) : Number(c)));
};
const distance = (a: string, b: string) => Math.hypot(...rgb(a).map((c, i) => c - (rgb(b)[i] ?? 0)));

describe('the world map scale', () => {
  it('tells apart countries far below the top one', () => {
    const { fills } = drawn();
    const de = fills.get('Germany') as string;
    const fr = fills.get('France') as string;
    expect(distance(de, fr)).toBeGreaterThan(25);
    expect(distance(fr, theme.low)).toBeGreaterThan(25);
  });

  it('prints its numbers grouped, as counts are everywhere else', () => {
    const { texts } = drawn();
    expect(texts).toContain('61,183');
    expect(texts).not.toContain('61183');
  });
});
