// Dense and Conv1D networks through the same pipeline as the forests: labels, by-IP split,
// scaler fitted on training rows, metrics beside the baseline, weights through the registry.
import { describe, expect, it } from 'vitest';
import { runArtifacts } from '../../../src-main/core/db/model-runs.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { type FeatureSchema, featureBatches, loadRawData } from '../../../src-main/core/features/index.js';
import { KINDS } from '../../../src-main/core/ml/models/kinds.js';
import { scoreRun } from '../../../src-main/core/ml/train/score-run.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { sharedGeneratedDb } from './harness.js';

const data = sharedGeneratedDb({ rows: 12_000, seed: 13, days: 2, attackRate: 0.06 });

const runs = new Map<string, number>();

async function scoresOf(runId: number, batchRows: number): Promise<Map<number, number>> {
  const reader = openDatabase(data.path(), { readonly: true });
  try {
    await scoreRun(reader, data.db(), runId, { batchRows });
    const rows = data
      .db()
      .prepare('SELECT session_id AS id, score FROM scores WHERE run_id = ?')
      .all(runId) as {
      id: number;
      score: number;
    }[];
    return new Map(rows.map((r) => [r.id, r.score]));
  } finally {
    reader.close();
  }
}

describe('networks', () => {
  for (const kind of ['dense', 'conv1d'] as const) {
    it(`${kind}: learns the generated labels well above the baseline on a by-IP split; loss decreases; stored weights load`, async () => {
      const run = await trainRun(data.db(), { kind, split: 'ip', params: { epochs: 6, seed: 1 } });
      runs.set(kind, run.id);
      const m = run.metrics!;
      expect(['tensorflow', 'wasm', 'cpu']).toContain(run.backend);
      expect(m.model.rocAuc).toBeGreaterThan(0.8);
      expect(m.model.prAuc).toBeGreaterThan(3 * m.baseline.prAuc);
      const loss = m.history!.loss;
      expect(loss.at(-1)!).toBeLessThan(loss[0]!);
      // The stored weights load and explain a flag (trained vs loaded scores: models-weights.test.ts).
      const { featureSchema, weights } = runArtifacts(data.db(), run.id)!;
      const schema = featureSchema as FeatureSchema;
      const a = await KINDS[kind].load(weights);
      const reader = openDatabase(data.path(), { readonly: true });
      try {
        const batches = featureBatches(reader, schema, { batchRows: 2000 });
        const { raw, matrix } = (await batches.next()).value!;
        await batches.return(undefined);
        const data = { x: matrix, rows: raw.rows, features: schema.columns.length, sourceKey: raw.sourceKey };
        const scores = await a.score(data);
        expect(scores.every((p) => p >= 0 && p <= 1)).toBe(true);
        const [why] = (await a.explain(data, [0]))!;
        expect(why!.length).toBe(schema.columns.length);
        expect(why!.some((c) => c !== 0)).toBe(true);
      } finally {
        reader.close();
        a.dispose();
      }
      // Conv1D trains several times slower than dense on the wasm backend; the machine is shared.
    }, 240_000);
  }

  it('conv1d: a scoring batch boundary does not cut the history of a source active in the batch before', async () => {
    const runId = runs.get('conv1d')!;
    const batchRows = 4000;
    const whole = await scoresOf(runId, 100_000);
    const cut = await scoresOf(runId, batchRows);
    expect(cut.size).toBe(12_000);
    // Rows whose last 7 sessions of the same source (the model's window − 1) all lie in the same
    // or the previous batch must score exactly as in one big batch.
    const raw = await loadRawData(data.db(), { windowMs: 3_600_000 });
    const history = new Map<number, number[]>();
    let covered = 0;
    let differ = 0;
    for (let r = 0; r < raw.rows; r++) {
      const key = raw.sourceKey[r]!;
      const before = history.get(key) ?? [];
      const batch = Math.floor(r / batchRows);
      if (before.every((p) => Math.floor(p / batchRows) >= batch - 1)) {
        covered++;
        const id = raw.sessionId[r]!;
        if (Math.abs(cut.get(id)! - whole.get(id)!) >= 1e-5) differ++;
      }
      history.set(key, [...before, r].slice(-7));
    }
    expect(differ).toBe(0);
    // Most rows qualify (sources idle for a whole batch start afresh, by design).
    expect(covered).toBeGreaterThan(0.8 * raw.rows);
  }, 240_000);
});
