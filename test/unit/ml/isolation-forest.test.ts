import { describe, expect, it } from 'vitest';
import {
  averagePathLength,
  decisionFunction,
  deserializeIsolationForest,
  explainIsolation,
  fitIsolationForest,
  flagOutliers,
  type IsolationForestModel,
  meanPathLengths,
  rocAuc,
  scoreSamples,
  scoreThreshold,
  serializeIsolationForest,
} from '../../../src-main/core/ml/forest/index.js';
import type { DenseMatrix } from '../../../src-main/core/ml/forest/matrix.js';
import { matrixOf, outlierData, rowOf } from './forest-data.js';

/** The textbook walk (float compare, stop at a leaf): the fast scorer must agree exactly. */
function referenceScores(model: IsolationForestModel, matrix: DenseMatrix): Float64Array {
  const { feature, threshold, left, right, size, roots } = model.arrays;
  const c = averagePathLength(model.params.maxSamples);
  const out = new Float64Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) {
    let sum = 0;
    for (const root of roots) {
      let node = root;
      let depth = 0;
      while (feature[node]! >= 0) {
        node =
          matrix.data[r * matrix.cols + feature[node]!]! <= threshold[node]! ? left[node]! : right[node]!;
        depth++;
      }
      sum += depth + averagePathLength(size[node]!);
    }
    out[r] = -(2 ** -(sum / (roots.length * c)));
  }
  return out;
}

describe('fitIsolationForest / scoreSamples', () => {
  it('reproduces a score computed by hand (and by sklearn 1.2.1) when every tree is forced', () => {
    // Three equal rows and one other: ψ = 4, depth limit 2. Every tree splits the root between 0
    // and 1; the three zeros form a constant leaf (h = 1 + c(3)), the one is alone (h = 1).
    const matrix = matrixOf([[0], [0], [0], [1]]);
    const model = fitIsolationForest(matrix, { seed: 3 });
    expect(model.params.maxSamples).toBe(4);
    expect(model.params.maxDepth).toBe(2);
    const c4 = averagePathLength(4);
    const scores = scoreSamples(model, matrix);
    const inlier = -(2 ** -((1 + averagePathLength(3)) / c4));
    const outlier = -(2 ** -(1 / c4));
    expect(scores[0]).toBeCloseTo(inlier, 12);
    expect(scores[3]).toBeCloseTo(outlier, 12);
    // sklearn: IsolationForest(random_state=0).fit(X).score_samples(X)
    expect(scores[0]).toBeCloseTo(-0.43765986, 7);
    expect(scores[3]).toBeCloseTo(-0.68774367, 7);
    expect(meanPathLengths(model, matrix)[3]).toBeCloseTo(1, 12);
  });

  it('scores an isolated point as more anomalous than every clustered point', () => {
    const rows: number[][] = [];
    for (let i = 0; i < 30; i++) rows.push([Math.sin(i) * 0.5, Math.cos(i * 1.7) * 0.5]);
    rows.push([8, -8]);
    const matrix = matrixOf(rows);
    const scores = scoreSamples(fitIsolationForest(matrix, { seed: 1 }), matrix);
    const isolated = scores[30]!;
    for (let i = 0; i < 30; i++) expect(isolated).toBeLessThan(scores[i]!);
    expect(isolated).toBeLessThan(-0.6);
  });

  it('the branch-free blocked scorer equals a plain tree walk, including zeros, −0 and a ragged tail', () => {
    const { matrix } = outlierData(1_003, 5, 20, 11);
    for (let i = 0; i < matrix.data.length; i += 7) matrix.data[i] = i % 2 ? 0 : -0;
    const model = fitIsolationForest(matrix, { seed: 4, nEstimators: 25, maxSamples: 128 });
    expect(Array.from(scoreSamples(model, matrix))).toEqual(Array.from(referenceScores(model, matrix)));
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const { matrix } = outlierData(2_000, 6, 40, 2);
    const a = fitIsolationForest(matrix, { seed: 5 });
    const b = fitIsolationForest(matrix, { seed: 5 });
    const c = fitIsolationForest(matrix, { seed: 6 });
    expect(a.arrays.threshold).toEqual(b.arrays.threshold);
    expect(scoreSamples(a, matrix)).toEqual(scoreSamples(b, matrix));
    expect(scoreSamples(a, matrix)).not.toEqual(scoreSamples(c, matrix));
  });

  it('builds trees like sklearn: ψ rows, depth ceil(log2 ψ), children in pairs', () => {
    const { matrix } = outlierData(5_000, 4, 0, 3);
    const model = fitIsolationForest(matrix, { seed: 1, nEstimators: 10 });
    expect(model.params.maxSamples).toBe(256);
    expect(model.params.maxDepth).toBe(8);
    const { feature, left, right, size, roots } = model.arrays;
    for (const root of roots) expect(size[root]).toBe(256);
    for (let node = 0; node < feature.length; node++) {
      if (feature[node]! < 0) continue;
      expect(right[node]).toBe(left[node]! + 1);
      expect(size[left[node]!]! + size[right[node]!]!).toBe(size[node]);
    }
    expect(fitIsolationForest(matrixOf([[1], [2], [3]]), { maxSamples: 1000 }).params.maxSamples).toBe(3);
    expect(fitIsolationForest(matrix, { maxSamples: 0.01, nEstimators: 2 }).params.maxSamples).toBe(50);
  });

  it('splits only on the columns drawn for a tree when maxFeatures < 1', () => {
    const { matrix } = outlierData(1_000, 10, 10, 8);
    const model = fitIsolationForest(matrix, { seed: 2, nEstimators: 20, maxFeatures: 0.3 });
    expect(model.params.maxFeatures).toBe(3);
    const { feature, roots } = model.arrays;
    for (let t = 0; t < roots.length; t++) {
      const end = t + 1 < roots.length ? roots[t + 1]! : feature.length;
      const used = new Set(Array.from(feature.subarray(roots[t], end)).filter((f) => f >= 0));
      expect(used.size).toBeLessThanOrEqual(3);
    }
  });

  it('ranks injected outliers: ROC-AUC > 0.9', () => {
    const { matrix, labels } = outlierData(20_000, 8, 400, 21);
    const scores = scoreSamples(fitIsolationForest(matrix, { seed: 1 }), matrix);
    // Lower score = more anomalous, so rank by −score.
    expect(
      rocAuc(
        scores.map((s) => -s),
        labels,
      ),
    ).toBeGreaterThan(0.9);
  });

  it('refuses bad input', () => {
    expect(() => fitIsolationForest({ data: new Float32Array(0), rows: 0, cols: 2 })).toThrow(/zero rows/);
    expect(() => fitIsolationForest(matrixOf([[1], [Number.NaN]]))).toThrow(/non-finite/);
    const model = fitIsolationForest(matrixOf([[1], [2]]));
    expect(() => scoreSamples(model, matrixOf([[1, 2]]))).toThrow(/columns/);
  });
});

describe('thresholds and decisions', () => {
  it("contamination sets the offset to that quantile of training scores (sklearn's offset_)", () => {
    const { matrix } = outlierData(5_000, 5, 100, 4);
    const auto = fitIsolationForest(matrix, { seed: 1 });
    expect(auto.params.offset).toBe(-0.5);
    const model = fitIsolationForest(matrix, { seed: 1, contamination: 0.05 });
    const scores = scoreSamples(model, matrix);
    expect(model.params.offset).toBe(scoreThreshold(scores, 0.05));
    const flagged = flagOutliers(scores, model.params.offset).reduce((a, b) => a + b, 0);
    expect(Math.abs(flagged - 250)).toBeLessThanOrEqual(1);
    const decisions = decisionFunction(model, matrix);
    expect(decisions[0]).toBeCloseTo(scores[0]! - model.params.offset, 12);
  });
});

describe('explainIsolation', () => {
  it('credits the column that isolates an outlier, shares summing to 1, with the same score', () => {
    const { matrix } = outlierData(4_000, 6, 0, 9);
    const row = 17;
    matrix.data[row * 6 + 4] = 9;
    const model = fitIsolationForest(matrix, { seed: 3 });
    const explanation = explainIsolation(model, rowOf(matrix, row));
    const shares = Array.from(explanation.contributions);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const ranked = [...shares].sort((a, b) => b - a);
    expect(shares.indexOf(ranked[0]!)).toBe(4);
    expect(ranked[0]!).toBeGreaterThan(2 * ranked[1]!);
    expect(explanation.score).toBeCloseTo(scoreSamples(model, matrix)[row]!, 12);
    // A typical row spreads its isolation over many columns.
    const typical = Array.from(explainIsolation(model, rowOf(matrix, 0)).contributions);
    expect(Math.max(...typical)).toBeLessThan(ranked[0]!);
  });
});

describe('serialisation', () => {
  it('round-trips (also through structuredClone, as postMessage does) to identical scores', () => {
    const { matrix } = outlierData(3_000, 7, 60, 6);
    const model = fitIsolationForest(matrix, { seed: 8, contamination: 0.02 });
    const expected = scoreSamples(model, matrix);
    const restored = deserializeIsolationForest(structuredClone(serializeIsolationForest(model)));
    expect(restored.params).toEqual(model.params);
    expect(scoreSamples(restored, matrix)).toEqual(expected);
  });

  it('rejects a model whose tree structure is damaged', () => {
    const { matrix } = outlierData(500, 3, 5, 6);
    const serialized = serializeIsolationForest(fitIsolationForest(matrix, { nEstimators: 3 }));
    const split = serialized.arrays.feature.findIndex((f) => f >= 0);
    serialized.arrays.left[split] = split;
    expect(() => deserializeIsolationForest(serialized)).toThrow(/invalid split/);
    expect(() => deserializeIsolationForest({ ...serialized, format: 'x' } as never)).toThrow(/not a/);
  });
});
