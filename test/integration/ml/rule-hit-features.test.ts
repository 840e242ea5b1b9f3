// Detection-rule hits as model features (issue 17 §3): on a generated access log imported with the
// shipped rule pack, the hits per level and per source join the schema; labels taken from the same
// hits leave them out and the run's metrics say why (label leakage); scoring reads them again.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { type FeatureSchema, featureBatches, loadRawData } from '../../../src-main/core/features/index.js';
import { REQUEST_FEATURES } from '../../../src-main/core/features/request-columns.js';
import { RULE_HIT_COUNT, RULE_HIT_FEATURES } from '../../../src-main/core/features/rule-hit-columns.js';
import { fitSchema } from '../../../src-main/core/features/schema.js';
import { scoreRun } from '../../../src-main/core/ml/train/score-run.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { suiteDir } from './harness.js';
import { generatedWebDb } from './web-harness.js';

const dir = suiteDir();
let db: Db;
const RULE = RULE_HIT_FEATURES as readonly string[];

beforeAll(async () => {
  db = openDatabase(await generatedWebDb(dir, { rows: 8000, seed: 5, attackRate: 0.08 }));
  return () => db.close();
}, 120_000);

describe('rule-hit features', () => {
  it('follow the request features when the data has rule hits', async () => {
    const hits = (db.prepare('SELECT count(*) AS n FROM rule_hits').get() as { n: number }).n;
    expect(hits).toBeGreaterThan(50);
    const run = await trainRun(db, { kind: 'iforest', params: { trees: 20, seed: 1 } });
    const at = run.features.indexOf(REQUEST_FEATURES.at(-1) as string) + 1;
    expect(run.features.slice(at, at + RULE_HIT_COUNT)).toEqual([...RULE_HIT_FEATURES]);
    expect(run.metrics?.excludedFeatures).toBeUndefined();
  }, 120_000);

  it('are left out, and the metrics say why, when the labels are the rule hits', async () => {
    const run = await trainRun(db, {
      kind: 'rf',
      labels: { type: 'rule-hits' },
      split: 'ip',
      params: { trees: 20, seed: 1 },
    });
    expect(run.features.filter((f) => RULE.includes(f))).toEqual([]);
    expect(run.metrics?.excludedFeatures?.features).toEqual([...RULE_HIT_FEATURES]);
    expect(run.metrics?.excludedFeatures?.reason).toMatch(/label leakage/);
    // Scoring a run without them reads no hits and still scores every session.
    const scored = await scoreRun(db, db, run.id);
    expect(scored.scored).toBe(8000);
  }, 120_000);

  it('are left out on request, and said so', async () => {
    const run = await trainRun(db, {
      kind: 'rf',
      split: 'ip',
      params: { trees: 10, seed: 1, ruleHitFeatures: false },
    });
    expect(run.features.filter((f) => RULE.includes(f))).toEqual([]);
    expect(run.metrics?.excludedFeatures?.reason).toMatch(/on request/);
  }, 120_000);

  it('carry the same values whatever the scoring batch size (the window crosses batches)', async () => {
    const raw = await loadRawData(db, { windowMs: 3_600_000, ruleHits: true });
    expect(raw.ruleHits).not.toBeNull();
    const all = Int32Array.from({ length: raw.rows }, (_, r) => r);
    const schema: FeatureSchema = fitSchema(raw, all, { windowMs: 3_600_000, topCountries: 5 });
    expect(schema.ruleHits).toBe(true);
    const pieces: Float32Array[] = [];
    for await (const { raw: batch } of featureBatches(db, schema, { batchRows: 333 }))
      pieces.push(batch.ruleHits ?? new Float32Array(batch.rows * RULE_HIT_COUNT));
    const joined = new Float32Array(raw.rows * RULE_HIT_COUNT);
    let at = 0;
    for (const piece of pieces) {
      joined.set(piece, at);
      at += piece.length;
    }
    expect(at).toBe(raw.rows * RULE_HIT_COUNT);
    expect(joined).toEqual(raw.ruleHits);
    // Some sessions without a hit of their own carry their source's recent hits.
    const windowSlot = RULE_HIT_COUNT - 1;
    let carried = 0;
    for (let r = 0; r < raw.rows; r++) {
      const own = (raw.ruleHits ?? joined).subarray(r * RULE_HIT_COUNT, r * RULE_HIT_COUNT + windowSlot);
      if (own.every((v) => v === 0) && (raw.ruleHits?.[r * RULE_HIT_COUNT + windowSlot] ?? 0) > 0) carried++;
    }
    expect(carried).toBeGreaterThan(0);
  }, 120_000);
});
