// Fits an Isolation Forest with scikit-learn's semantics (IsolationForest 1.2): each tree sees ψ
// rows drawn without replacement and is grown to depth ceil(log2 ψ). Training is cheap (100 trees
// × 256 rows); the work that matters at scale is scoring, see isolation-score.ts.

import { must } from '../../../../src-shared/must.js';
import { scoreSamples } from './isolation-score.js';
import { buildIsolationTree, type IsolationNodeBuffers } from './isolation-tree.js';
import type {
  IsolationForestModel,
  IsolationForestOptions,
  IsolationForestParams,
} from './isolation-types.js';
import { assertFinite, assertMatrix, type DenseMatrix } from './matrix.js';
import { percentile } from './quantile.js';
import { deriveSeed, Rng } from './random.js';
import { sampleWithoutReplacement } from './sample.js';

// sklearn's fixed offset for contamination='auto': score −0.5 is "path as long as average".
const AUTO_OFFSET = -0.5;

export function fitIsolationForest(
  matrix: DenseMatrix,
  options: IsolationForestOptions = {},
): IsolationForestModel {
  assertMatrix(matrix);
  if (matrix.rows < 1) throw new RangeError('cannot fit an isolation forest on zero rows');
  assertFinite(matrix);
  const params = resolveParams(matrix, options);
  const { nEstimators, maxSamples: psi, maxFeatures, maxDepth, cols } = params;

  const capacity = nEstimators * (2 * psi - 1);
  const out: IsolationNodeBuffers = {
    feature: new Int32Array(capacity),
    threshold: new Float32Array(capacity),
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
    size: new Int32Array(capacity),
    count: 0,
  };
  const roots = new Int32Array(nEstimators);
  const values = new Float32Array(psi * maxFeatures);
  const allColumns = Int32Array.from({ length: cols }, (_, j) => j);

  for (let t = 0; t < nEstimators; t++) {
    const rng = new Rng(deriveSeed(params.seed, t));
    const features = maxFeatures < cols ? sampleWithoutReplacement(cols, maxFeatures, rng) : allColumns;
    const rows = sampleWithoutReplacement(matrix.rows, psi, rng);
    // Column-major copy of the drawn rows: the builder scans one column of a node at a time.
    features.forEach((column, j) => {
      rows.forEach((row, i) => {
        values[j * psi + i] = must(matrix.data[row * cols + column], 'a value of a drawn row');
      });
    });
    roots[t] = buildIsolationTree({ values, rows: psi, features }, maxDepth, rng, out);
  }

  const n = out.count;
  const model: IsolationForestModel = {
    kind: 'isolation-forest',
    params,
    arrays: {
      feature: out.feature.slice(0, n),
      threshold: out.threshold.slice(0, n),
      left: out.left.slice(0, n),
      right: out.right.slice(0, n),
      size: out.size.slice(0, n),
      roots,
    },
  };
  if (params.contamination !== 'auto') {
    // Like sklearn: the offset is the contamination quantile of the training scores.
    model.params.offset = percentile(scoreSamples(model, matrix), 100 * params.contamination);
  }
  return model;
}

function resolveParams(matrix: DenseMatrix, options: IsolationForestOptions): IsolationForestParams {
  const { rows, cols } = matrix;
  const nEstimators = options.nEstimators ?? 100;
  if (!Number.isInteger(nEstimators) || nEstimators < 1)
    throw new RangeError('nEstimators must be an integer ≥ 1');

  // Numbers ≤ 1 are fractions (JS cannot tell 1 from 1.0), larger ones counts — both capped at
  // what the data has, as sklearn does (it warns and uses all rows).
  const requested = options.maxSamples ?? 'auto';
  let maxSamples: number;
  if (requested === 'auto') maxSamples = Math.min(256, rows);
  else maxSamples = countOrFraction(requested, rows, 'maxSamples');

  const maxFeatures = countOrFraction(options.maxFeatures ?? 1, cols, 'maxFeatures');
  const contamination = options.contamination ?? 'auto';
  if (contamination !== 'auto' && !(contamination > 0 && contamination <= 0.5)) {
    throw new RangeError("contamination must be 'auto' or in (0, 0.5]");
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('seed must be a non-negative integer');
  return {
    nEstimators,
    maxSamples,
    maxFeatures,
    maxDepth: Math.ceil(Math.log2(Math.max(maxSamples, 2))),
    cols,
    seed,
    contamination,
    offset: AUTO_OFFSET,
  };
}

function countOrFraction(value: number, total: number, name: string): number {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number`);
  if (value <= 1) return Math.max(1, Math.floor(value * total));
  if (!Number.isInteger(value)) throw new RangeError(`${name} > 1 must be an integer count`);
  return Math.min(value, total);
}
