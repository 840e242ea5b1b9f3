// Fits an Isolation Forest a few trees at a time and joins the pieces. The forest code fits
// synchronously; chunks let a worker post "trees built" progress and honour a cancel between
// them. Trees are independent, so a forest of joined chunks is a forest. Each chunk has its own
// derived seed: the same data and seed give the same model. (The random forest reports from
// inside each tree instead: its trees are big and it bins the matrix once for all of them.)
import { must } from '../../../../src-shared/must.js';
import {
  deriveSeed,
  fitIsolationForest,
  type IsolationForestModel,
  type IsolationForestOptions,
} from '../forest/index.js';
import type { DenseMatrix } from '../forest/matrix.js';

export interface ChunkHooks {
  signal?: AbortSignal;
  /** After each chunk; awaited, so the caller can yield to its event loop. */
  onTrees?: (built: number, total: number) => Promise<void>;
}

/** Isolation trees see 256 rows whatever the data size: ten of them take milliseconds. */
const ISOLATION_CHUNK = 10;

async function inChunks<M>(
  total: number,
  chunk: number,
  seed: number,
  fitChunk: (trees: number, seed: number) => M,
  hooks: ChunkHooks,
): Promise<M[]> {
  const parts: M[] = [];
  let built = 0;
  while (built < total) {
    hooks.signal?.throwIfAborted();
    const trees = Math.min(chunk, total - built);
    parts.push(fitChunk(trees, deriveSeed(seed, parts.length)));
    built += trees;
    await hooks.onTrees?.(built, total);
  }
  hooks.signal?.throwIfAborted();
  return parts;
}

export async function fitIsolationForestInChunks(
  matrix: DenseMatrix,
  options: IsolationForestOptions & { nEstimators: number; seed: number },
  hooks: ChunkHooks,
): Promise<IsolationForestModel> {
  // Contamination is applied by the caller on the joined forest's scores.
  const parts = await inChunks(
    options.nEstimators,
    ISOLATION_CHUNK,
    options.seed,
    (nEstimators, seed) =>
      fitIsolationForest(matrix, { ...options, nEstimators, seed, contamination: 'auto' }),
    hooks,
  );
  return {
    kind: 'isolation-forest',
    params: {
      ...must(parts[0], 'the first chunk of the forest').params,
      nEstimators: options.nEstimators,
      seed: options.seed,
    },
    arrays: {
      ...joinTrees(parts.map((p) => p.arrays)),
      size: concat(
        parts.map((p) => p.arrays.size),
        Int32Array,
      ),
    },
  };
}

interface TreeArrays {
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  roots: Int32Array;
}

/** Node ids are global per forest: shift each part's child and root ids by the nodes before it. */
function joinTrees(parts: TreeArrays[]): TreeArrays {
  const shifted = (pick: (p: TreeArrays) => Int32Array, keepNegative: boolean) => {
    let offset = 0;
    return concat(
      parts.map((p) => {
        const ids = pick(p).map((id) => (keepNegative && id < 0 ? id : id + offset));
        offset += p.feature.length;
        return ids;
      }),
      Int32Array,
    );
  };
  return {
    feature: concat(
      parts.map((p) => p.feature),
      Int32Array,
    ),
    threshold: concat(
      parts.map((p) => p.threshold),
      Float32Array,
    ),
    left: shifted((p) => p.left, true),
    right: shifted((p) => p.right, true),
    roots: shifted((p) => p.roots, false),
  };
}

function concat<T extends Int32Array | Float32Array>(parts: T[], Type: new (n: number) => T): T {
  const out = new Type(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
