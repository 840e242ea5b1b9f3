// The multi-class random forest (threat-type models): the same trees as the two-class forest when
// there are two classes, probabilities that a plain tree walk agrees with, learning well above the
// majority class on K classes, explanations that add up, refusals, and a checked round trip.
import { describe, expect, it } from 'vitest';
import {
  argmaxClasses,
  deserializeMulticlassForest,
  explainMulticlass,
  fitMulticlassForest,
  fitRandomForest,
  type MulticlassForestModel,
  predictClassProba,
  predictProba,
  Rng,
  serializeMulticlassForest,
} from '../../../src-main/core/ml/forest/index.js';
import type { DenseMatrix } from '../../../src-main/core/ml/forest/matrix.js';
import { MulticlassNodes } from '../../../src-main/core/ml/forest/multiclass-nodes.js';
import { rowOf, slice, xorData } from './forest-data.js';

/** K classes around K centres on the first two columns, `noise` of the labels redrawn; the rest is noise. */
function blobs(rows: number, cols: number, classes: number, noise: number, seed: number) {
  const rng = new Rng(seed);
  const data = new Float32Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const y = rng.below(classes);
    const angle = (2 * Math.PI * y) / classes;
    for (let c = 0; c < cols; c++) data[r * cols + c] = rng.normal();
    data[r * cols] = 4 * Math.cos(angle) + rng.normal();
    data[r * cols + 1] = 4 * Math.sin(angle) + rng.normal();
    labels[r] = rng.nextFloat() < noise ? rng.below(classes) : y;
  }
  return { matrix: { data, rows, cols }, labels };
}

/** The textbook walk: float compare, stop at a leaf, mean of the leaf's shares per class. */
function referenceProba(model: MulticlassForestModel, matrix: DenseMatrix): Float64Array {
  const { feature, threshold, left, right, value, roots } = model.arrays;
  const K = model.params.classes;
  const out = new Float64Array(matrix.rows * K);
  for (let r = 0; r < matrix.rows; r++) {
    for (const root of roots) {
      let node = root;
      while (feature[node]! >= 0)
        node =
          matrix.data[r * matrix.cols + feature[node]!]! <= threshold[node]! ? left[node]! : right[node]!;
      for (let c = 0; c < K; c++) out[r * K + c]! += value[node * K + c]!;
    }
    for (let c = 0; c < K; c++) out[r * K + c]! /= roots.length;
  }
  return out;
}

const accuracy = (predicted: Uint8Array, labels: Uint8Array) =>
  predicted.reduce((n, y, i) => n + (y === labels[i] ? 1 : 0), 0) / labels.length;

describe('fitMulticlassForest', () => {
  it('with two classes grows exactly the trees of the two-class forest (same draws, same splits)', () => {
    const { matrix, labels } = xorData(3_000, 6, 0.15, 4);
    const options = { nEstimators: 12, seed: 9, minSamplesLeaf: 2 };
    const two = fitRandomForest(matrix, labels, options);
    const multi = fitMulticlassForest(matrix, labels, 2, options);
    expect(multi.arrays.feature).toEqual(two.arrays.feature);
    expect(multi.arrays.threshold).toEqual(two.arrays.threshold);
    expect(multi.arrays.left).toEqual(two.arrays.left);
    expect(multi.arrays.roots).toEqual(two.arrays.roots);
    for (let i = 0; i < two.arrays.importances.length; i++)
      expect(multi.arrays.importances[i]).toBeCloseTo(two.arrays.importances[i]!, 12);
    // Class 1's share per node is the two-class forest's value.
    const shares1 = multi.arrays.value.filter((_, i) => i % 2 === 1);
    for (let i = 0; i < shares1.length; i++) expect(shares1[i]).toBeCloseTo(two.arrays.value[i]!, 6);
    const { matrix: fresh } = xorData(500, 6, 0, 5);
    const p = predictClassProba(multi, fresh);
    const p1 = predictProba(two, fresh);
    for (let r = 0; r < fresh.rows; r++) expect(p[2 * r + 1]).toBeCloseTo(p1[r]!, 6);
  });

  it('learns six noisy classes far above the majority class on held-out rows', () => {
    const { matrix, labels } = blobs(9_000, 8, 6, 0.1, 3);
    const train = slice(matrix, labels, 0, 6_000);
    const test = slice(matrix, labels, 6_000, 9_000);
    const model = fitMulticlassForest(train.matrix, train.labels, 6, { nEstimators: 50, seed: 1 });
    const predicted = argmaxClasses(predictClassProba(model, test.matrix), 6);
    const counts = new Array(6).fill(0);
    for (const y of test.labels) counts[y]++;
    expect(Math.max(...counts) / test.labels.length).toBeLessThan(0.2);
    expect(accuracy(predicted, test.labels)).toBeGreaterThan(0.75);
  });

  it('gives per-row probabilities that sum to 1 and equal a plain tree walk', () => {
    const { matrix, labels } = blobs(2_000, 5, 4, 0.3, 8);
    const model = fitMulticlassForest(matrix, labels, 4, { nEstimators: 15, seed: 2, minSamplesLeaf: 3 });
    const { matrix: fresh } = blobs(700, 5, 4, 0, 9);
    const p = predictClassProba(model, fresh);
    const want = referenceProba(model, fresh);
    for (let i = 0; i < p.length; i++) expect(p[i]).toBeCloseTo(want[i]!, 12);
    for (let r = 0; r < fresh.rows; r++) {
      const sum = p.subarray(4 * r, 4 * r + 4).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 6);
    }
  });

  it('keeps a class absent from the training rows at probability 0, and balanced weights lift a rare class', () => {
    const { matrix, labels } = blobs(3_000, 4, 3, 0, 11);
    // Class 3 of 4 never occurs: the label space is wider than what this training side saw.
    const model = fitMulticlassForest(matrix, labels, 4, { nEstimators: 10, seed: 1 });
    const p = predictClassProba(model, matrix);
    for (let r = 0; r < matrix.rows; r++) expect(p[4 * r + 3]).toBe(0);
    // A rare class (2 % of rows) overlapping a common one: balanced weights find more of it.
    const rng = new Rng(4);
    const rows = 4_000;
    const data = new Float32Array(rows * 2);
    const rare = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) {
      rare[r] = rng.nextFloat() < 0.02 ? 1 : rng.nextFloat() < 0.5 ? 0 : 2;
      data[2 * r] = rng.normal() + (rare[r] === 1 ? 1.5 : 0);
      data[2 * r + 1] = rng.normal() + (rare[r] === 2 ? 3 : 0);
    }
    const m = { data, rows, cols: 2 };
    const options = { nEstimators: 20, seed: 3, minSamplesLeaf: 20 };
    const plain = argmaxClasses(predictClassProba(fitMulticlassForest(m, rare, 3, options), m), 3);
    const balanced = argmaxClasses(
      predictClassProba(fitMulticlassForest(m, rare, 3, { ...options, classWeight: 'balanced' }), m),
      3,
    );
    const found = (predicted: Uint8Array) => predicted.filter((y, i) => y === 1 && rare[i] === 1).length;
    expect(found(balanced)).toBeGreaterThan(found(plain) + 10);
  });

  it('refuses a single class, codes out of range and more classes than it can hold, saying why', () => {
    const matrix = { data: new Float32Array(8), rows: 4, cols: 2 };
    expect(() => fitMulticlassForest(matrix, Uint8Array.from([2, 2, 2, 2]), 3)).toThrow(/single class/);
    expect(() => fitMulticlassForest(matrix, Uint8Array.from([0, 1, 3, 0]), 3)).toThrow(/below 3 \(row 2/);
    expect(() => fitMulticlassForest(matrix, Uint8Array.from([0, 1, 1, 0]), 65)).toThrow(/from 2 to 64/);
    expect(() => fitMulticlassForest(matrix, Uint8Array.from([0, 1, 1, 0]), 2, { classWeight: [1] })).toThrow(
      /2 finite, non-negative weights/,
    );
  });
});

describe('MulticlassNodes', () => {
  it('stores shares within [0, 1] when the totals of a node carry subtraction crumbs', () => {
    const nodes = new MulticlassNodes(3);
    const node = nodes.reserve(1);
    // A right child's totals are its parent's minus its sibling's: 0 can come out as −1e-17.
    nodes.setShares(node, Float64Array.from([-1e-17, 2, 1 + 1e-16]), 3, -1);
    const { value } = nodes.trimmed();
    expect(Array.from(value).every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(value[0]).toBe(0);
  });
});

describe('explainMulticlass', () => {
  it('bias + contributions = the probability of the class asked about, and the deciding columns get the credit', () => {
    const { matrix, labels } = blobs(2_000, 6, 3, 0.05, 12);
    const model = fitMulticlassForest(matrix, labels, 3, { nEstimators: 20, seed: 5 });
    // Fresh rows with clean labels: a training row whose label was flipped is fitted by noise columns.
    const { matrix: fresh } = blobs(50, 6, 3, 0, 13);
    const p = predictClassProba(model, fresh);
    for (const r of [0, 7, 31]) {
      for (let c = 0; c < 3; c++) {
        const e = explainMulticlass(model, rowOf(fresh, r), c);
        const sum = e.contributions.reduce((a, b) => a + b, e.bias);
        expect(sum).toBeCloseTo(p[3 * r + c]!, 6);
        expect(e.probability).toBeCloseTo(p[3 * r + c]!, 6);
      }
      const predicted = argmaxClasses(p.subarray(3 * r, 3 * r + 3), 3)[0]!;
      const e = explainMulticlass(model, rowOf(fresh, r), predicted);
      const strongest = e.contributions.indexOf(Math.max(...e.contributions));
      expect([0, 1]).toContain(strongest);
    }
    expect(() => explainMulticlass(model, rowOf(matrix, 0), 3)).toThrow(/not one of the model's 3/);
  });
});

describe('serializeMulticlassForest', () => {
  it('round-trips through structuredClone to identical predictions, and rejects damaged arrays', () => {
    const { matrix, labels } = blobs(1_000, 4, 3, 0.1, 2);
    const model = fitMulticlassForest(matrix, labels, 3, { nEstimators: 5, seed: 1 });
    const loaded = deserializeMulticlassForest(structuredClone(serializeMulticlassForest(model)));
    expect(predictClassProba(loaded, matrix)).toEqual(predictClassProba(model, matrix));
    const bad = serializeMulticlassForest(model);
    bad.arrays.value[5] = 1.5;
    expect(() => deserializeMulticlassForest(bad)).toThrow(/class share outside/);
    const short = serializeMulticlassForest(model);
    short.arrays.value = short.arrays.value.subarray(1);
    expect(() => deserializeMulticlassForest(short)).toThrow(/value has/);
    const wrongK = serializeMulticlassForest(model);
    wrongK.params.classes = 1;
    expect(() => deserializeMulticlassForest(wrongK)).toThrow(/classes must be an integer/);
  });
});
