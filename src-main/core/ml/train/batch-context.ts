// Scoring goes batch by batch, but a sequence model reads each row's preceding sessions of the
// same source. Rows of the previous batch that the next batch's sequences reach back to are put
// in front of it, so a batch boundary does not cut a source's history (a source idle for a whole
// batch, hundreds of thousands of sessions, starts afresh).
import { must } from '../../../../src-shared/must.js';
import type { FeatureData } from '../models/detector.js';

const PREVIOUS_ROW = 'the source of a row of the previous batch';

/** `data` = the carried rows, then `next`; `next`'s row r is `data`'s row `offset + r`. */
export function withContext(
  previous: FeatureData | null,
  next: FeatureData,
  contextRows: number,
): { data: FeatureData; offset: number } {
  if (!previous || contextRows === 0) return { data: next, offset: 0 };
  const wanted = new Map<number, number>();
  for (const key of next.sourceKey) wanted.set(key, contextRows);
  const carried: number[] = [];
  for (let r = previous.rows - 1; r >= 0; r--) {
    const key = must(previous.sourceKey[r], PREVIOUS_ROW);
    const left = wanted.get(key);
    if (!left) continue;
    carried.push(r);
    wanted.set(key, left - 1);
  }
  carried.reverse();
  const f = next.features;
  const rows = carried.length + next.rows;
  const x = new Float32Array(rows * f);
  const sourceKey = new Int32Array(rows);
  carried.forEach((r, i) => {
    x.set(previous.x.subarray(r * f, (r + 1) * f), i * f);
    sourceKey[i] = must(previous.sourceKey[r], PREVIOUS_ROW);
  });
  x.set(next.x, carried.length * f);
  sourceKey.set(next.sourceKey, carried.length);
  return { data: { x, rows, features: f, sourceKey }, offset: carried.length };
}
