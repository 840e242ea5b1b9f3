// Training and scoring interrupted by Ctrl-C, SIGTERM or SIGKILL. A scoring pass is all or
// nothing: the run keeps its previous complete scores (and per-IP maxima) until a new pass is
// published whole. A run whose training process dies is shown as interrupted, never as training.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTraffic } from '../../../src-main/core/generate/generate.js';
import { CLI } from '../../helpers/temp.js';
import { suiteDir } from '../ml/harness.js';
import { holdsSqliteTempFile, runCliProcess, spawnCli, whenChild, whenDb } from './child.js';

const dir = suiteDir();
const template = path.join(dir, 'template.db');
let runId = 0;
let sessions = 0;

beforeAll(async () => {
  expect(fs.existsSync(CLI)).toBe(true);
  const csv = path.join(dir, 'traffic.csv');
  await generateTraffic({
    rows: 150_000,
    seed: 11,
    out: csv,
    format: 'cloudwatch-csv',
    start: Date.UTC(2024, 3, 25),
    days: 2,
    attackRate: 0.05,
  });
  expect((await runCliProcess(['ingest', csv, '--db', template, '--no-enrich', '--json'])).code).toBe(0);
  const trained = await runCliProcess(['train', '--model', 'iforest', '--db', template, '--json']);
  expect(trained.code, trained.stderr).toBe(0);
  runId = JSON.parse(trained.stdout).id;
  expect((await runCliProcess(['score', '--run', String(runId), '--db', template, '--json'])).code).toBe(0);
  sessions = 150_000;
}, 240_000);

/** A fresh copy of the scored database, with the run's stored scores marked as "the old pass". */
function scoredCopy(name: string): string {
  const file = path.join(dir, `${name}.db`);
  const db = new Database(template, { readonly: true });
  db.exec(`VACUUM INTO '${file}'`);
  db.close();
  const copy = new Database(file);
  copy.prepare('UPDATE scores SET score = -1 WHERE run_id = ?').run(runId);
  copy.prepare('UPDATE ip_scores SET score = -1 WHERE run_id = ?').run(runId);
  copy.close();
  return file;
}

const EXIT: Record<string, NodeJS.Signals | number> = { SIGINT: 130, SIGTERM: 130, SIGKILL: 'SIGKILL' };

describe('an interrupted scoring pass', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${signal}: the run keeps its previous complete scores, none of the cut-off pass`, {
      timeout: 120_000,
    }, async () => {
      const file = scoredCopy(`score-${signal}`);
      const run = spawnCli(['score', '--run', String(runId), '--db', file, '--json']);
      // The pass has begun once its staging (a TEMP table, in a temp file) exists.
      await whenChild(run, () => holdsSqliteTempFile(run.child.pid!));
      // A random moment early in the pass: on an idle machine the whole pass over 150 000 sessions
      // can end within 1.5 s, and a kill after the publish would test nothing (the clean-clone run
      // once saw exit 0 that way).
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 200)));
      run.child.kill(signal);
      expect(await run.exited).toBe(EXIT[signal]);
      // What it says is what happened: the cut-off pass is dropped, the earlier scores stay.
      if (signal !== 'SIGKILL')
        expect(run.stderr()).toContain(`Scoring cancelled: run ${runId} keeps the scores it had.`);

      const db = new Database(file);
      const scores = db
        .prepare('SELECT count(*) AS n, sum(score = -1) AS old FROM scores WHERE run_id = ?')
        .get(runId) as { n: number; old: number };
      expect(scores).toEqual({ n: sessions, old: sessions });
      const ipScores = db
        .prepare('SELECT count(*) AS n, sum(score = -1) AS old FROM ip_scores WHERE run_id = ?')
        .get(runId) as { n: number; old: number };
      expect(ipScores.n).toBeGreaterThan(0);
      expect(ipScores.old).toBe(ipScores.n);
      expect(db.prepare('SELECT status FROM model_runs WHERE id = ?').pluck().get(runId)).toBe('done');
      db.close();
    });
  }

  it('SIGKILL on a first pass leaves the run with no score at all', { timeout: 120_000 }, async () => {
    const file = scoredCopy('first-pass');
    const raw = new Database(file);
    raw.prepare('DELETE FROM scores WHERE run_id = ?').run(runId);
    raw.prepare('DELETE FROM ip_scores WHERE run_id = ?').run(runId);
    raw.close();
    const run = spawnCli(['score', '--run', String(runId), '--db', file, '--json']);
    await whenChild(run, () => holdsSqliteTempFile(run.child.pid!));
    // Early in the pass, as above: a kill after the publish would test nothing.
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 200)));
    run.child.kill('SIGKILL');
    await run.exited;
    const models = JSON.parse((await runCliProcess(['models', '--json', '--db', file])).stdout) as {
      id: number;
      status: string;
      scoredSessions: number;
    }[];
    expect(models.find((m) => m.id === runId)).toMatchObject({ status: 'done', scoredSessions: 0 });
  });
});

describe('an interrupted training run', () => {
  const ENDS: Record<string, string> = { SIGINT: 'cancelled', SIGTERM: 'cancelled', SIGKILL: 'interrupted' };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${signal}: the run is ${ENDS[signal]}, never "training", and keeps no weights`, {
      timeout: 120_000,
    }, async () => {
      const file = scoredCopy(`train-${signal}`);
      const run = spawnCli(['train', '--model', 'rf', '--trees', '200', '--db', file, '--json']);
      const id = await whenDb(
        file,
        run,
        (db) =>
          db.prepare(`SELECT id FROM model_runs WHERE status = 'training'`).pluck().get() as
            | number
            | undefined,
      );
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(Math.random() * 700)));
      run.child.kill(signal);
      expect(await run.exited).toBe(EXIT[signal]);
      // The run stays in the list as cancelled: "nothing was kept" said otherwise.
      if (signal !== 'SIGKILL')
        expect(run.stderr()).toContain(
          `Training cancelled: no model was kept; run ${id} is listed as cancelled.`,
        );
      const models = JSON.parse((await runCliProcess(['models', '--json', '--db', file])).stdout) as {
        id: number;
        status: string;
      }[];
      expect(models.find((m) => m.id === id)?.status).toBe(ENDS[signal]);
      const db = new Database(file, { readonly: true });
      expect(db.prepare('SELECT weights FROM model_runs WHERE id = ?').pluck().get(id)).toBeNull();
      db.close();
    });
  }
});
