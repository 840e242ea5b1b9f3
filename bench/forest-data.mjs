// Synthetic data for the forest benchmark, written once as raw row-major float32 (plus uint8
// labels) so our models and scikit-learn read exactly the same rows. Columns mimic session
// features: skewed volumes, correlated pairs, a few discrete columns with heavy ties, and noise.

import fs from 'node:fs';

/**
 * Isolation Forest data: inliers from a 3-component mixture; `rate` of the rows are anomalies
 * shifted 4-6 σ on two or three columns, plausible enough that detection is not perfect.
 */
export function anomalyData(rows, cols, rate, rng) {
  const data = new Float32Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    inlierRow(data, base, cols, rng);
    if (rng.nextFloat() >= rate) continue;
    labels[r] = 1;
    const shifted = 2 + rng.below(2);
    for (let k = 0; k < shifted; k++) {
      const c = rng.below(cols);
      data[base + c] += (rng.nextFloat() < 0.5 ? -1 : 1) * (4 + 2 * rng.nextFloat());
    }
  }
  return { data, labels };
}

/**
 * Random Forest data: class 1 with probability sigmoid(f(x)), f mixing a linear term, a
 * threshold, an interaction and a periodic term of five columns; the rest only carry noise.
 */
export function classificationData(rows, cols, rng) {
  const data = new Float32Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    inlierRow(data, base, cols, rng);
    const x = (c) => data[base + c];
    const f = 1.2 * x(0) + (x(1) > 0.5 ? 1.5 : -0.5) + x(2) * x(3) + 1.5 * Math.sin(2 * x(4)) - 0.8;
    labels[r] = rng.nextFloat() < 1 / (1 + Math.exp(-1.5 * f)) ? 1 : 0;
  }
  return { data, labels };
}

/**
 * Multi-class data (benign and five "kinds"): a multinomial logit over six score functions mixing
 * linear terms, a threshold, an interaction and a periodic term of ten columns, with Gumbel noise
 * so the classes overlap as real kinds of traffic do. Class 0 (the baseline score) is the largest.
 */
export function multiclassData(rows, cols, rng) {
  const data = new Float32Array(rows * cols);
  const labels = new Uint8Array(rows);
  const scores = new Float64Array(6);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    inlierRow(data, base, cols, rng);
    const x = (c) => data[base + c];
    scores[0] = 2;
    scores[1] = 1.5 * x(0) - 1;
    scores[2] = (x(1) > 0.5 ? 2 : -1) + 0.5 * x(5);
    scores[3] = x(8) * x(9) - 0.5;
    scores[4] = 1.5 * Math.sin(2 * x(4)) + 0.5 * x(6) - 0.5;
    scores[5] = -1.2 * x(0) + 0.8 * x(7) - 1;
    let best = 0;
    let top = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < 6; k++) {
      const v = 1.5 * scores[k] - Math.log(-Math.log(rng.nextFloat() || 1e-12));
      if (v > top) {
        top = v;
        best = k;
      }
    }
    labels[r] = best;
  }
  return { data, labels };
}

// One session-like row: a cluster picks the means of the first columns; some columns are
// correlated with column 0, some skewed (log-normal volumes), some discrete (ports, hours).
function inlierRow(data, base, cols, rng) {
  const cluster = rng.below(3);
  for (let c = 0; c < cols; c++) {
    const z = rng.normal();
    let v;
    if (c < 4) v = z + (cluster - 1) * (c + 1) * 0.8;
    else if (c % 5 === 0) v = Math.exp(0.8 * z);
    else if (c % 5 === 1) v = 0.7 * data[base] + 0.7 * z;
    else if (c % 5 === 2) v = Math.round(2 * z);
    else v = z;
    data[base + c] = v;
  }
}

export function writeRaw(file, typed) {
  fs.writeFileSync(file, new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength));
}

export function readFloat64(file) {
  const bytes = fs.readFileSync(file);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}
