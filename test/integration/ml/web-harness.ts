// A database of a generated Combined access log with its labels: `vigil generate --format combined`
// writes the labels beside the log (PATH.labels.csv, by line), which an import does not read, so
// the test gives each stored request the label of its line, as an analyst's labelled data would.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { DEFAULT_WINDOW_MS, loadRawData, type RawData } from '../../../src-main/core/features/index.js';
import { type GenerateOptions, generateTraffic } from '../../../src-main/core/generate/generate.js';
import { JobRegistry } from '../../../src-main/core/jobs/job-registry.js';
import { ModelJobs } from '../../../src-main/core/jobs/model-jobs.js';
import { resolveLabels } from '../../../src-main/core/ml/evaluate/index.js';
import type { TrainRequest } from '../../../src-main/core/ml/train/train-run.js';
import { must } from '../../../src-shared/must.js';
import { importInto, START } from './harness.js';

export async function generatedWebDb(dir: string, options: Partial<GenerateOptions> = {}): Promise<string> {
  const out = path.join(dir, 'access.log');
  const result = await generateTraffic({
    rows: 20_000,
    seed: 7,
    out,
    format: 'combined',
    start: START,
    days: 3,
    attackRate: 0.05,
    ...options,
  });
  const dbPath = await importInto(dir, out);
  const labels = fs
    .readFileSync(result.labelsFile ?? `${out}.labels.csv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const db = openDatabase(dbPath);
  try {
    const update = db.prepare('UPDATE sessions SET label = ? WHERE raw_line = ?');
    db.transaction(() => {
      for (const row of labels) {
        const [line, label] = row.split(',');
        update.run(label, Number(line));
      }
    })();
  } finally {
    db.close();
  }
  return dbPath;
}

/**
 * The same database with every request field emptied, and the rule hits found in them removed: the
 * sessions as a flow log would keep them.
 */
export function withoutRequests(dbPath: string, copyPath: string): string {
  fs.copyFileSync(dbPath, copyPath);
  const db = openDatabase(copyPath);
  try {
    db.exec('UPDATE sessions SET method_id = NULL, path_id = NULL, query = NULL, user_agent_id = NULL');
    db.exec('DELETE FROM rule_hits');
  } finally {
    db.close();
  }
  return copyPath;
}

/**
 * Trains a run through the app's worker threads (ModelJobs) and expects it done; returns the jobs
 * (to score it too) and the run id.
 */
export async function trainThroughWorkers(
  dbPath: string,
  request: TrainRequest,
): Promise<{ jobs: ModelJobs; runId: number }> {
  const jobs = new ModelJobs({ dbPath, registry: new JobRegistry(() => {}) });
  const trained = await jobs.wait(jobs.train(request));
  expect(trained).toMatchObject({ state: 'done', error: null });
  return { jobs, runId: must(trained.runId, 'the id of the trained run') };
}

/**
 * The run both the threshold and the fitted-count tests read: rf labelled by the rule hits, split
 * by time, on the generated week (seed 5): its attacks all came before the training side's last
 * quarter, so its validation slice starts among them.
 */
export const TIME_SPLIT_RULE_HITS_RF = {
  kind: 'rf',
  labels: { type: 'rule-hits' },
  split: 'time',
  params: { trees: 20, seed: 1 },
} as const satisfies TrainRequest;

/** The sessions as TIME_SPLIT_RULE_HITS_RF read them (its labels, no rule-hit features), to rebuild its split. */
export async function rawOfTimeSplitRun(db: Db): Promise<RawData> {
  const labels = must(resolveLabels(db, TIME_SPLIT_RULE_HITS_RF.labels, true), 'the rule-hit labels');
  return loadRawData(db, {
    windowMs: DEFAULT_WINDOW_MS,
    ruleHits: false,
    labelRead: labels.read,
    labeler: labels.labeler,
  });
}
