// Models see the request (issue 17 §4): on a generated access log with labelled web attacks, the
// request features are in the schema, they make the Random Forest better than the same sessions
// without their requests, and "why flagged" names them. A flow log keeps its schema exactly.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { NUMERIC_FEATURES } from '../../../src-main/core/features/columns.js';
import { REQUEST_FEATURES } from '../../../src-main/core/features/request-columns.js';
import { scoreRun } from '../../../src-main/core/ml/train/score-run.js';
import { trainRun } from '../../../src-main/core/ml/train/train-run.js';
import { sharedGeneratedDb, suiteDir } from './harness.js';
import { generatedWebDb, withoutRequests } from './web-harness.js';

const dir = suiteDir();
let web: Db;
let flowLike: Db;

beforeAll(async () => {
  const file = await generatedWebDb(dir, { rows: 20_000, seed: 5, attackRate: 0.05 });
  flowLike = openDatabase(withoutRequests(file, path.join(dir, 'without.db')));
  web = openDatabase(file);
  return () => {
    web.close();
    flowLike.close();
  };
}, 120_000);

const flows = sharedGeneratedDb({ rows: 4000, seed: 3, days: 2, attackRate: 0.05 });

describe('request features', () => {
  it('are in the schema of data with requests, after the numeric features', async () => {
    const run = await trainRun(web, { kind: 'iforest', params: { trees: 20, seed: 1 } });
    expect(run.features.slice(0, NUMERIC_FEATURES.length)).toEqual([...NUMERIC_FEATURES]);
    expect(
      run.features.slice(NUMERIC_FEATURES.length, NUMERIC_FEATURES.length + REQUEST_FEATURES.length),
    ).toEqual([...REQUEST_FEATURES]);
  });

  it('are absent from a flow log: its columns are exactly the flow schema', async () => {
    const run = await trainRun(flows.db(), { kind: 'iforest', params: { trees: 20, seed: 1 } });
    expect(run.features.filter((f) => (REQUEST_FEATURES as readonly string[]).includes(f))).toEqual([]);
    expect(run.features.slice(0, NUMERIC_FEATURES.length)).toEqual([...NUMERIC_FEATURES]);
    expect(run.features.slice(NUMERIC_FEATURES.length)[0]).toMatch(/^country_/);
  });

  it('make the Random Forest better than the same sessions without their requests (by-IP split)', async () => {
    const params = { trees: 60, seed: 2 };
    const withRun = await trainRun(web, { kind: 'rf', split: 'ip', params });
    const withoutRun = await trainRun(flowLike, { kind: 'rf', split: 'ip', params });
    const a = withRun.metrics!;
    const b = withoutRun.metrics!;
    // The same rows on each side of the same split: only the columns differ.
    expect(a.testRows).toBe(b.testRows);
    expect(a.testPositives).toBe(b.testPositives);
    // Without requests the source's behaviour already finds most campaigns (PR-AUC about 0.9
    // here); the requests add what it misses (quotes, encodings, scanners' agents, failed
    // logins): a gain well beyond the few thousandths a forest's seed moves these figures.
    expect(a.model.prAuc).toBeGreaterThan(b.model.prAuc + 0.05);
    expect(a.model.rocAuc).toBeGreaterThan(b.model.rocAuc + 0.01);
    expect(a.model.prAuc).toBeGreaterThan(5 * a.baseline.prAuc);
  }, 120_000);

  it('make the Isolation Forest better too: it reads them beside the numeric features', async () => {
    const params = { trees: 100, seed: 2 };
    const a = (await trainRun(web, { kind: 'iforest', split: 'ip', params })).metrics!;
    const b = (await trainRun(flowLike, { kind: 'iforest', split: 'ip', params })).metrics!;
    expect(a.testPositives).toBe(b.testPositives);
    // Unsupervised, so the gain is larger: odd requests are rare requests (PR-AUC about 0.2
    // without them, about 0.75 with them, here).
    expect(a.model.prAuc).toBeGreaterThan(b.model.prAuc + 0.2);
    expect(a.model.rocAuc).toBeGreaterThan(b.model.rocAuc + 0.05);
  }, 120_000);

  it('are named in "why flagged" explanations', async () => {
    const run = await trainRun(web, { kind: 'rf', split: 'ip', params: { trees: 30, seed: 3 } });
    const scored = await scoreRun(web, web, run.id);
    expect(scored.flagged).toBeGreaterThan(0);
    const rows = web
      .prepare('SELECT explanation FROM scores WHERE run_id = ? AND explanation IS NOT NULL')
      .all(run.id) as { explanation: string }[];
    const named = new Set(
      rows.flatMap((r) => (JSON.parse(r.explanation) as { feature: string }[]).map((c) => c.feature)),
    );
    expect(
      [...named].filter((f) => (REQUEST_FEATURES as readonly string[]).includes(f)).length,
    ).toBeGreaterThan(0);
  }, 120_000);
});
