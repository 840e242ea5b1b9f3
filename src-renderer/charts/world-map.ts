// The world map geometry, offline: world-atlas's 110m countries (TopoJSON) turned into GeoJSON and
// registered with ECharts once. Logs name countries by ISO alpha-2; the atlas by ISO numeric id.

import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import { cutAtDateLine } from './antimeridian.js';
import { ALPHA2_TO_ATLAS_NAME, ALPHA2_TO_NUMERIC } from './country-ids.js';
import { echarts } from './echarts.js';

export const WORLD = 'world';
let registered: Map<string, string> | null = null;

/** Registers the map (first call only) and returns alpha-2 → the atlas's region name. */
export function worldRegions(): Map<string, string> {
  if (registered) return registered;
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const raw = feature(topology, topology.objects.countries);
  const geo = { ...raw, features: raw.features.map((f) => ({ ...f, geometry: cutAtDateLine(f.geometry) })) };
  echarts.registerMap(WORLD, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
  const nameById = new Map(geo.features.map((f) => [String(f.id), f.properties.name]));
  registered = new Map(ALPHA2_TO_ATLAS_NAME);
  for (const [alpha2, numeric] of ALPHA2_TO_NUMERIC) {
    const name = nameById.get(numeric);
    if (name) registered.set(alpha2, name);
  }
  return registered;
}
