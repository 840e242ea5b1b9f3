// Runs one train or score job from the terminal: a worker thread like in the app, a progress bar
// on stderr, Ctrl-C or SIGTERM cancels (the run is then kept as cancelled, with nothing half-written).
import path from 'node:path';
import type { Db } from '../core/db/open.js';
import { type ModelJobOutcome, ModelJobs } from '../core/jobs/model-jobs.js';
import { createProgressBar } from './progress-bar.js';
import { warn } from './terminal-text.js';

export async function runModelJob(
  db: Db,
  dbFile: string,
  label: string,
  showProgress: boolean,
  start: (jobs: ModelJobs) => string,
): Promise<ModelJobOutcome> {
  const bar = createProgressBar(label, showProgress);
  const jobs = new ModelJobs({
    dbPath: path.resolve(dbFile),
    db,
    onProgress: (job) => bar.update(job.fraction ?? 0, job.message),
  });
  const jobId = start(jobs);
  const onSignal = () => jobs.cancel(jobId);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await jobs.wait(jobId);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    bar.stop();
    await jobs.close();
  }
}

/** A job that did not finish: its reason on stderr and a non-zero exit code. */
export function reportUnfinished(outcome: ModelJobOutcome, what: string): boolean {
  if (outcome.state === 'done') return false;
  const reason =
    outcome.state === 'cancelled'
      ? `${what} cancelled: nothing was kept.`
      : (outcome.error ?? `${what} failed`);
  warn(`vigil: ${reason}`);
  process.exitCode = outcome.state === 'cancelled' ? 130 : 1;
  return true;
}
