// The training side of a split as its own data set (rows stay in time order).
import { must } from '../../../../src-shared/must.js';
import type { FeatureData } from '../models/detector.js';

const ROW = 'a row of the subset';

export function subset(data: FeatureData, rows: Int32Array): FeatureData {
  const f = data.features;
  const x = new Float32Array(rows.length * f);
  const sourceKey = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = must(rows[i], ROW);
    x.set(data.x.subarray(r * f, (r + 1) * f), i * f);
    sourceKey[i] = must(data.sourceKey[r], ROW);
  }
  return { x, rows: rows.length, features: f, sourceKey, scaled: data.scaled };
}
