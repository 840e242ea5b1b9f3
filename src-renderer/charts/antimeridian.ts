// Country outlines that cross the date line (Russia's Chukotka, Fiji) come out of world-atlas as
// rings that jump from +180 to −180 and back. ECharts draws a ring as one path, so each jump
// became a stroke across the whole map: the stray horizontal bands. Such a ring is cut here into
// its part east of −180 and its part west of +180.
// Written here rather than taken from a library: d3-geo clips only inside its own projections
// (ECharts projects by itself), and cutting a ring at one meridian is a few lines.

type Point = number[];
type Ring = Point[];
type Polygon = Ring[];
type Geometry = { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] };

/** The ring with its longitudes made continuous (a jump of more than 180° is a date-line crossing). */
function unwrap(ring: Ring): Ring {
  let shift = 0;
  return ring.map((point, i) => {
    const previous = ring[i - 1];
    if (previous) {
      const step = (point[0] ?? 0) - (previous[0] ?? 0);
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [(point[0] ?? 0) + shift, point[1] ?? 0];
  });
}

/** Sutherland–Hodgman against one meridian: keeps the side where `keep(lon)` holds. */
function clip(ring: Ring, meridian: number, keep: (lon: number) => boolean): Ring {
  const out: Ring = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Point;
    const b = ring[(i + 1) % ring.length] as Point;
    const [ax = 0, ay = 0] = a;
    const [bx = 0, by = 0] = b;
    if (keep(ax)) out.push([ax, ay]);
    if (keep(ax) !== keep(bx)) out.push([meridian, ay + ((by - ay) * (meridian - ax)) / (bx - ax)]);
  }
  return out;
}

const shifted = (ring: Ring, by: number): Ring => ring.map(([x = 0, y = 0]) => [x + by, y]);

/** A polygon cut at the date line: one polygon, or one per side when it crosses. */
function splitPolygon(polygon: Polygon): Polygon[] {
  const crosses = polygon.some((ring) =>
    ring.some((p, i) => i > 0 && Math.abs((p[0] ?? 0) - (ring[i - 1]?.[0] ?? 0)) > 180),
  );
  if (!crosses) return [polygon];
  const rings = polygon.map(unwrap);
  const outer = rings[0] ?? [];
  // A ring around a pole (Antarctica) does not close after unwrapping: it is drawn right as it is.
  if (Math.abs((outer[0]?.[0] ?? 0) - (outer[outer.length - 1]?.[0] ?? 0)) > 180) return [polygon];
  const east = outer.some(([x = 0]) => x > 180);
  const edge = east ? 180 : -180;
  const inside = (x: number) => (east ? x <= edge : x >= edge);
  const beyond = (x: number) => !inside(x) || x === edge;
  const sides = [
    rings.map((ring) => clip(ring, edge, inside)),
    rings.map((ring) => shifted(clip(ring, edge, beyond), east ? -360 : 360)),
  ];
  return sides
    .map((side) => side.filter((ring) => ring.length >= 3))
    .filter((side) => side.length > 0 && (side[0]?.length ?? 0) >= 3)
    .map((side) => side.map((ring) => [...ring, ring[0] as Point]));
}

/** The geometry with every date-line crossing cut (other geometries are returned unchanged). */
export function cutAtDateLine<G extends { type: string }>(geometry: G): G {
  const g = geometry as unknown as Geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const cut = polygons.flatMap(splitPolygon);
  if (cut.length === polygons.length && cut.every((p, i) => p === polygons[i])) return geometry;
  return { ...geometry, type: 'MultiPolygon', coordinates: cut };
}
