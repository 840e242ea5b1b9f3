// Small seeded data sets for the network tests: a non-linear per-row pattern (dense) and a
// pattern visible only across a source's sessions (conv1d).
import { Rng } from '../../../src-main/core/ml/forest/index.js';
import type { LabelledNetData } from '../../../src-main/core/ml/nn/index.js';

/** Label = x0 + x1·x2 > 1 (about one row in five); the other columns are noise. */
export function rowPatternData(rows: number, features: number, seed: number): LabelledNetData {
  const rng = new Rng(seed);
  const x = new Float32Array(rows * features);
  const y = new Uint8Array(rows);
  const sourceKey = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < features; c++) x[r * features + c] = rng.normal();
    const v = (i: number) => x[r * features + i]!;
    y[r] = v(0) + v(1) * v(2) > 1 ? 1 : 0;
    sourceKey[r] = rng.below(50);
  }
  return { x, rows, features, sourceKey, y };
}

/**
 * `sources` sources, a quarter of them malicious; rows interleave sources in time order. A
 * malicious source's sessions have feature 0 shifted by `shift` σ: one row is weak evidence, a
 * run of them is strong, so a model that reads the sequence should beat one that reads the row.
 */
export function sourcePatternData(
  rows: number,
  features: number,
  sources: number,
  shift: number,
  seed: number,
): LabelledNetData {
  const rng = new Rng(seed);
  const malicious = Uint8Array.from({ length: sources }, () => (rng.nextFloat() < 0.25 ? 1 : 0));
  const x = new Float32Array(rows * features);
  const y = new Uint8Array(rows);
  const sourceKey = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const source = rng.below(sources);
    sourceKey[r] = source;
    y[r] = malicious[source]!;
    for (let c = 0; c < features; c++) x[r * features + c] = rng.normal();
    if (y[r]) x[r * features]! += shift;
  }
  return { x, rows, features, sourceKey, y };
}

export function majorityBaseline(rows: number): Float32Array {
  // Predict-majority gives every row the same score: a ROC-AUC of exactly 0.5.
  return new Float32Array(rows).fill(1);
}
