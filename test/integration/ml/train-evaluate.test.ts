// Training runs end to end in-process, on generated traffic with labelled attack campaigns.
import { describe, expect, it } from 'vitest';
import { runArtifacts } from '../../../src-main/core/db/model-runs.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { type FeatureSchema, featureBatches, loadRawData } from '../../../src-main/core/features/index.js';
import { resolveLabels, splitRows } from '../../../src-main/core/ml/evaluate/index.js';
import { KINDS } from '../../../src-main/core/ml/models/kinds.js';
import { scoreRun } from '../../../src-main/core/ml/train/score-run.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { sharedGeneratedDb } from './harness.js';

const data = sharedGeneratedDb({ rows: 20_000, seed: 11, days: 3, attackRate: 0.03 });

describe('training and evaluation', () => {
  it('Isolation Forest separates the injected attacks (held-out ROC-AUC > 0.9) without labels in training', async () => {
    const run = await trainRun(data.db(), { kind: 'iforest', params: { trees: 100, seed: 1 } });
    expect(run.status).toBe('done');
    // The generated data spans 3 days: the default split is by time.
    expect(run.split).toBe('time');
    expect(run.metrics!.model.rocAuc).toBeGreaterThan(0.9);
    expect(run.metrics!.baseline.rocAuc).toBe(0.5);
    expect(run.metrics!.testPositives).toBeGreaterThan(0);
  });

  it('Random Forest learns the labels well above the majority baseline on a by-IP split', async () => {
    const run = await trainRun(data.db(), { kind: 'rf', split: 'ip', params: { trees: 40, seed: 1 } });
    const m = run.metrics!;
    expect(run.split).toBe('ip');
    expect(m.model.rocAuc).toBeGreaterThan(0.95);
    expect(m.model.prAuc).toBeGreaterThan(5 * m.baseline.prAuc);
    expect(m.model.f1).toBeGreaterThan(m.baseline.f1 + 0.5);
    expect(m.labelCounts.malicious).toBe(600);
    // The Models view draws these: curves from the test side, importances named and ranked.
    expect(m.curves!.roc.at(-1)).toEqual([1, 1]);
    const importances = m.importances!;
    expect(importances.map((i) => i.feature).sort()).toEqual([...run.features].sort());
    expect(importances.reduce((sum, i) => sum + i.importance, 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < importances.length; i++)
      expect(importances[i]!.importance).toBeLessThanOrEqual(importances[i - 1]!.importance);
  });

  it('the stored scaler comes from the training side of the split only', async () => {
    const run = await trainRun(data.db(), { kind: 'rf', split: 'time', params: { trees: 10, seed: 4 } });
    const schema = runArtifacts(data.db(), run.id)!.featureSchema as FeatureSchema;
    const labels = resolveLabels(data.db(), undefined, true)!;
    const raw = await loadRawData(data.db(), {
      windowMs: schema.windowMs,
      labelRead: labels.read,
      labeler: labels.labeler,
    });
    const split = splitRows(raw, 'time', { seed: 4, gapMs: schema.windowMs });
    const meanOf = (rows: ArrayLike<number>, j: number) => {
      let sum = 0;
      for (let i = 0; i < rows.length; i++) sum += raw.numeric[rows[i]! * 18 + j]!;
      return sum / rows.length;
    };
    // Column 0 is log bytes in; the hour of day (7) differs between early and late rows too.
    for (const j of [0, 7, 13]) expect(schema.mean[j]).toBeCloseTo(meanOf(split.train, j), 4);
    const allRows = Array.from({ length: raw.rows }, (_, r) => r);
    expect(Math.abs(schema.mean[7]! - meanOf(allRows, 7))).toBeGreaterThan(1e-3);
  });

  it('weights round-trip through the registry to identical scores, and scoring writes every session', async () => {
    const run = await trainRun(data.db(), { kind: 'rf', split: 'ip', params: { trees: 20, seed: 3 } });
    const reader = openDatabase(data.path(), { readonly: true });
    try {
      const summary = await scoreRun(reader, data.db(), run.id);
      expect(summary.scored).toBe(20_000);
      expect(summary.flagged).toBeGreaterThan(0);
      // Rebuild the model from the stored blob and score the first batch again.
      const { featureSchema, weights } = runArtifacts(data.db(), run.id)!;
      const schema = featureSchema as FeatureSchema;
      const loaded = await KINDS.rf.load(weights);
      const batches = featureBatches(reader, schema, { batchRows: 500 });
      const { raw, matrix } = (await batches.next()).value!;
      await batches.return(undefined);
      const again = await loaded.score({
        x: matrix,
        rows: raw.rows,
        features: schema.columns.length,
        sourceKey: raw.sourceKey,
      });
      const stored = data
        .db()
        .prepare(
          'SELECT session_id AS id, score, flagged, explanation FROM scores WHERE run_id = ? ORDER BY session_id',
        )
        .all(run.id) as { id: number; score: number; flagged: number; explanation: string | null }[];
      const byId = new Map(stored.map((s) => [s.id, s]));
      for (let r = 0; r < raw.rows; r++) expect(byId.get(raw.sessionId[r]!)!.score).toBe(again[r]);
      const flagged = stored.filter((s) => s.flagged === 1);
      expect(flagged.every((s) => JSON.parse(s.explanation!).length > 0)).toBe(true);
      expect(stored.filter((s) => s.flagged === 0).every((s) => s.explanation === null)).toBe(true);
      // The highest score of the sessions each IP originated, stored for the graph (which colours
      // attackers, not their victims), as SQL finds it.
      const perIp = (sql: string) =>
        new Map(
          (data.db().prepare(sql).all(run.id) as { ip: string; score: number }[]).map((r) => [r.ip, r.score]),
        );
      const want = perIp(
        `SELECT src_ip AS ip, max(score) AS score FROM sessions JOIN scores ON session_id = sessions.id
         WHERE run_id = ? GROUP BY src_ip`,
      );
      expect(want.size).toBeGreaterThan(100);
      expect(perIp('SELECT ip, score FROM ip_scores WHERE run_id = ?')).toEqual(want);
    } finally {
      reader.close();
    }
  });
});
