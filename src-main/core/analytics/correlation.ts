import type { Correlation } from '../../../src-shared/analytics.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import { SAMPLE_FEATURES, sampleFeatures } from '../db/analytics-sample.js';
import { sessionSource } from '../db/analytics-source.js';
import type { Db } from '../db/open.js';

export const SAMPLE_SIZE = 3000;

/** Pearson r of two columns over the rows where both are present; null when undefined. */
function pair(rows: readonly (number | null)[][], a: number, b: number): number | null {
  const points: [x: number, y: number][] = [];
  for (const row of rows) {
    const x = row[a];
    const y = row[b];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    points.push([x, y]);
  }
  const n = points.length;
  // Constant is told by the values themselves: the variance of equal values summed in floating
  // point is not 0 (282 × ln(600 001) gave 1.7e-25), and r over that rounding noise is noise.
  if (n < 2 || points.every(([x]) => x === points[0]?.[0]) || points.every(([, y]) => y === points[0]?.[1]))
    return null;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (const [x, y] of points) {
    cov += (x - mx) * (y - my);
    vx += (x - mx) ** 2;
    vy += (y - my) ** 2;
  }
  return vx === 0 || vy === 0 ? null : Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
}

/** Pearson correlation of each pair of columns (a constant column gives null). */
export function pearson(rows: readonly (number | null)[][], columns: number): (number | null)[][] {
  return Array.from({ length: columns }, (_, a) =>
    Array.from({ length: columns }, (_, b) => pair(rows, a, b)),
  );
}

/** The feature correlation heatmap, from a systematic sample of the filtered sessions. */
export function correlation(db: Db, filter: SessionFilter): Correlation {
  const features = Object.keys(SAMPLE_FEATURES);
  const rows = sampleFeatures(db, sessionSource(filter), SAMPLE_SIZE);
  return { features, matrix: pearson(rows, features.length), sampleSize: rows.length };
}
