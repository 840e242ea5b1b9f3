import { describe, expect, it } from 'vitest';
import {
  deserializeRandomForest,
  explainForest,
  featureImportances,
  fitRandomForest,
  predictProba,
  type RandomForestModel,
  Rng,
  rocAuc,
  serializeRandomForest,
} from '../../../src-main/core/ml/forest/index.js';
import type { DenseMatrix } from '../../../src-main/core/ml/forest/matrix.js';
import { matrixOf, rowOf, slice, xorData } from './forest-data.js';

/** The textbook walk (float compare, stop at a leaf, mean of leaf shares): predictProba must agree. */
function referenceProba(model: RandomForestModel, matrix: DenseMatrix): Float64Array {
  const { feature, threshold, left, right, value, roots } = model.arrays;
  const out = new Float64Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) {
    let sum = 0;
    for (const root of roots) {
      let node = root;
      while (feature[node]! >= 0) {
        node =
          matrix.data[r * matrix.cols + feature[node]!]! <= threshold[node]! ? left[node]! : right[node]!;
      }
      sum += value[node]!;
    }
    out[r] = sum / roots.length;
  }
  return out;
}

function accuracy(proba: Float64Array, labels: Uint8Array): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) if ((proba[i]! > 0.5 ? 1 : 0) === labels[i]) right++;
  return right / labels.length;
}

/** 1 − share of the majority class: the accuracy of always predicting the majority. */
function majorityAccuracy(labels: Uint8Array): number {
  const positives = labels.reduce((a, b) => a + b, 0);
  return Math.max(positives, labels.length - positives) / labels.length;
}

describe('fitRandomForest / predictProba', () => {
  it('splits a tiny set where a hand computation says: one cut at the midpoint 1.5', () => {
    // One tree on all rows, all columns: the only pure split of [0,1 | 2,3] is x <= 1.5.
    const matrix = matrixOf([[0], [1], [2], [3]]);
    const model = fitRandomForest(matrix, Uint8Array.from([0, 0, 1, 1]), {
      nEstimators: 1,
      bootstrap: false,
      maxFeatures: null,
    });
    expect(Array.from(model.arrays.feature)).toEqual([0, -1, -1]);
    expect(model.arrays.threshold[0]).toBe(1.5);
    expect(Array.from(model.arrays.value)).toEqual([0.5, 0, 1]);
    expect(Array.from(predictProba(model, matrixOf([[1.5], [1.5001], [-9], [9]])))).toEqual([0, 1, 0, 1]);
  });

  it('learns a noisy XOR label far above the majority baseline on held-out rows', () => {
    const { matrix, labels } = xorData(6_000, 6, 0.1, 3);
    const train = slice(matrix, labels, 0, 4_000);
    const test = slice(matrix, labels, 4_000, 6_000);
    const model = fitRandomForest(train.matrix, train.labels, { nEstimators: 60, seed: 1 });
    const proba = predictProba(model, test.matrix);
    // 10 % of labels are flipped, so 0.9 is the ceiling; the majority class gets about 0.5.
    expect(majorityAccuracy(test.labels)).toBeLessThan(0.6);
    expect(accuracy(proba, test.labels)).toBeGreaterThan(0.8);
    expect(rocAuc(proba, test.labels)).toBeGreaterThan(0.85);
  });

  it('gives probabilities in [0, 1] that equal a plain tree walk', () => {
    const { matrix, labels } = xorData(3_000, 5, 0.2, 8);
    const model = fitRandomForest(matrix, labels, { nEstimators: 20, seed: 2, minSamplesLeaf: 3 });
    const { matrix: fresh } = xorData(1_001, 5, 0, 9);
    const proba = predictProba(model, fresh);
    for (const p of proba) expect(p >= 0 && p <= 1).toBe(true);
    expect(new Set(proba).size).toBeGreaterThan(10);
    const reference = referenceProba(model, fresh);
    for (let i = 0; i < proba.length; i++) expect(proba[i]).toBeCloseTo(reference[i]!, 12);
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const { matrix, labels } = xorData(2_000, 5, 0.1, 4);
    const a = predictProba(fitRandomForest(matrix, labels, { nEstimators: 10, seed: 5 }), matrix);
    const b = predictProba(fitRandomForest(matrix, labels, { nEstimators: 10, seed: 5 }), matrix);
    const c = predictProba(fitRandomForest(matrix, labels, { nEstimators: 10, seed: 6 }), matrix);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('reports progress per binned column and from inside each tree, and a throw from the report stops the fit', () => {
    // 200 k rows: about 126 k in-bag rows per tree, so each tree reports before it ends.
    const { matrix, labels } = xorData(200_000, 4, 0.1, 3);
    const heard: number[] = [];
    const binned: number[] = [];
    fitRandomForest(
      matrix,
      labels,
      { nEstimators: 2, seed: 1 },
      { onBinned: (columns) => binned.push(columns), onTrees: (built) => heard.push(built) },
    );
    expect(binned).toEqual([1, 2, 3, 4]);
    expect(heard.filter((b) => b > 0 && b < 1).length).toBeGreaterThan(0);
    expect(heard.filter((b) => b > 1 && b < 2).length).toBeGreaterThan(0);
    expect(heard.slice(-1)).toEqual([2]);
    for (let i = 1; i < heard.length; i++) expect(heard[i]).toBeGreaterThan(heard[i - 1]!);
    const stop = new Error('cancelled');
    expect(() =>
      fitRandomForest(
        matrix,
        labels,
        { nEstimators: 50, seed: 1 },
        {
          onTrees: (built) => {
            if (built > 0.2) throw stop;
          },
        },
      ),
    ).toThrow(stop);
  });

  it("class weights move the decision toward a rare class ('balanced' and explicit weights)", () => {
    // 4 % positives that overlap the negatives: an unweighted shallow forest rarely says "positive".
    const rng = new Rng(12);
    const rows = 5_000;
    const data = new Float32Array(rows * 3);
    const labels = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) {
      labels[r] = rng.nextFloat() < 0.04 ? 1 : 0;
      data[3 * r] = rng.normal() + (labels[r] ? 1.5 : 0);
      data[3 * r + 1] = rng.normal();
      data[3 * r + 2] = rng.normal();
    }
    const matrix = { data, rows, cols: 3 };
    const options = { nEstimators: 30, maxDepth: 4, seed: 3 };
    const flagged = (model: RandomForestModel) => {
      const proba = predictProba(model, matrix);
      let all = 0;
      let positives = 0;
      for (let i = 0; i < rows; i++) {
        if (proba[i]! <= 0.5) continue;
        all++;
        positives += labels[i]!;
      }
      return { all, positives };
    };
    const plain = flagged(fitRandomForest(matrix, labels, options));
    const balanced = flagged(fitRandomForest(matrix, labels, { ...options, classWeight: 'balanced' }));
    const explicit = fitRandomForest(matrix, labels, { ...options, classWeight: { 0: 1, 1: 10 } });
    expect(explicit.params.classWeights).toEqual([1, 10]);
    expect(plain.positives).toBeLessThan(40);
    expect(balanced.positives).toBeGreaterThan(plain.positives + 60);
    expect(balanced.all).toBeGreaterThan(5 * Math.max(plain.all, 1));
    expect(flagged(explicit).all).toBeGreaterThan(plain.all);
  });

  it('refuses a one-class label, saying why', () => {
    const matrix = matrixOf([[1], [2], [3]]);
    expect(() => fitRandomForest(matrix, Uint8Array.from([1, 1, 1]))).toThrow(/only class 1/);
    expect(() => fitRandomForest(matrix, Uint8Array.from([0, 2, 1]))).toThrow(/0 or 1/);
    expect(() =>
      fitRandomForest(matrixOf([[1], [Number.POSITIVE_INFINITY]]), Uint8Array.from([0, 1])),
    ).toThrow(/non-finite/);
  });
});

describe('featureImportances', () => {
  it('sum to 1 and rank the one informative column first', () => {
    const rng = new Rng(21);
    const rows = 3_000;
    const cols = 6;
    const data = new Float32Array(rows * cols);
    const labels = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) data[r * cols + c] = rng.normal();
      // Column 3 alone carries the signal (with 15 % label noise).
      const clean = data[r * cols + 3]! > 0.2 ? 1 : 0;
      labels[r] = rng.nextFloat() < 0.15 ? 1 - clean : clean;
    }
    const importances = featureImportances(
      fitRandomForest({ data, rows, cols }, labels, { nEstimators: 30, seed: 4 }),
    );
    expect(importances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const ranked = Array.from(importances).sort((a, b) => b - a);
    expect(importances.indexOf(ranked[0]!)).toBe(3);
    expect(ranked[0]!).toBeGreaterThan(2 * ranked[1]!);
  });
});

describe('explainForest', () => {
  it('bias + contributions = the probability, and the deciding columns get the credit', () => {
    const { matrix, labels } = xorData(3_000, 5, 0.05, 14);
    const model = fitRandomForest(matrix, labels, { nEstimators: 25, seed: 6 });
    const proba = predictProba(model, matrix);
    for (const r of [0, 1, 2, 77]) {
      const { bias, contributions, probability } = explainForest(model, rowOf(matrix, r));
      expect(probability).toBeCloseTo(proba[r]!, 12);
      expect(bias + contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(probability, 12);
      const magnitude = Array.from(contributions, Math.abs);
      // Columns 0 and 1 decide the XOR label; 2.. are noise.
      expect(magnitude[0]! + magnitude[1]!).toBeGreaterThan(magnitude[2]! + magnitude[3]! + magnitude[4]!);
    }
    expect(() => explainForest(model, [1, 2])).toThrow(/expects 5/);
  });
});

describe('serialisation', () => {
  it('round-trips (also through structuredClone, as postMessage does) to identical predictions', () => {
    const { matrix, labels } = xorData(2_000, 4, 0.1, 5);
    const model = fitRandomForest(matrix, labels, { nEstimators: 15, seed: 9, classWeight: 'balanced' });
    const restored = deserializeRandomForest(structuredClone(serializeRandomForest(model)));
    expect(restored.params).toEqual(model.params);
    expect(predictProba(restored, matrix)).toEqual(predictProba(model, matrix));
    expect(featureImportances(restored)).toEqual(featureImportances(model));
  });

  it('shares no buffer with the model, and rejects damaged arrays', () => {
    const { matrix, labels } = xorData(500, 3, 0.1, 6);
    const model = fitRandomForest(matrix, labels, { nEstimators: 3 });
    const serialized = serializeRandomForest(model);
    expect(serialized.arrays.feature.buffer).not.toBe(model.arrays.feature.buffer);
    const split = serialized.arrays.feature.findIndex((f) => f >= 0);
    const leaf = serialized.arrays.feature.findIndex((f) => f < 0);
    const value = serialized.arrays.value.slice();
    value[leaf] = 1.5;
    expect(() => deserializeRandomForest({ ...serialized, arrays: { ...serialized.arrays, value } })).toThrow(
      /outside \[0, 1\]/,
    );
    serialized.arrays.right[split] = serialized.arrays.left[split]! + 2;
    expect(() => deserializeRandomForest(serialized)).toThrow(/invalid split/);
    expect(() => deserializeRandomForest({ ...serialized, format: 'x' } as never)).toThrow(/not a/);
  });
});
