// Training and scoring in worker threads: progress, a responsive main thread, one job of each
// kind per database, and a cancel that leaves nothing half-written.
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { getRun, listRuns } from '../../../src-main/core/db/model-runs.js';
import { JobRegistry } from '../../../src-main/core/jobs/job-registry.js';
import { ModelJobs } from '../../../src-main/core/jobs/model-jobs.js';
import type { JobProgress } from '../../../src-shared/domain.js';
import { sharedGeneratedDb } from './harness.js';

const data = sharedGeneratedDb({ rows: 30_000, seed: 5, days: 2, attackRate: 0.05 });

function jobs(events: JobProgress[] = []) {
  return new ModelJobs({
    dbPath: path.resolve(data.path()),
    db: data.db(),
    registry: new JobRegistry((p) => events.push({ ...p, cpu: cpuMs() } as JobProgress)),
  });
}
/** CPU time this process (the test and the job's worker thread) has used, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
const cpuAt = (e: JobProgress) => (e as JobProgress & { cpu: number }).cpu;

describe('model jobs', () => {
  it('train in a worker: progress every ~500 ms (trees built), the main event loop stays free', async () => {
    // The machine is shared: the same measurement on an idle main thread is the noise floor.
    const idle = monitorEventLoopDelay({ resolution: 10 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    idle.disable();
    const events: JobProgress[] = [];
    const runner = jobs(events);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const jobId = runner.train({ kind: 'rf', split: 'ip', params: { trees: 500, seed: 1 } });
    const outcome = await runner.wait(jobId);
    delay.disable();
    const elapsed = performance.now() - started;
    expect(outcome).toMatchObject({ state: 'done', error: null });
    expect(getRun(data.db(), outcome.runId!)).toMatchObject({ status: 'done', kind: 'rf' });
    const mine = events.filter((e) => e.jobId === jobId);
    expect(mine.some((e) => /trees built/.test(e.message))).toBe(true);
    expect(mine.at(-1)).toMatchObject({ state: 'done', fraction: 1, kind: 'train' });
    // Progress about every 500 ms of work, and work is CPU time (this process: the test and the
    // job's worker thread), not the wall clock: on a loaded machine the worker waits for a core.
    // At a load average of 14 on 2 cores, wall-clock gaps of 4–5 s held 0.5 s of work each: the
    // worker was starved, not silent. Silent for seconds of work is what must not happen.
    const work = mine.map(cpuAt);
    const workGaps = work.slice(1).map((t, i) => t - work[i]!);
    expect(elapsed).toBeGreaterThan(1500);
    expect(mine.length).toBeGreaterThanOrEqual(Math.floor((work.at(-1)! - work[0]!) / 1000));
    expect(Math.max(...workGaps)).toBeLessThan(1500);
    // The main thread never stalls on training work: its 99th-percentile delay stays within 100 ms
    // of the idle noise floor (training on it would stall it for whole chunks of trees, ≥ 0.5 s),
    // and no single stall reaches a second.
    expect(delay.percentile(99) / 1e6).toBeLessThan(idle.max / 1e6 + 100);
    expect(delay.max / 1e6).toBeLessThan(1000);
    await runner.close();
  });

  it('a second training request joins an identical running one and a different one is refused', async () => {
    const runner = jobs();
    const request = { kind: 'iforest' as const, params: { trees: 300, seed: 2 } };
    const first = runner.train(request);
    expect(runner.train(request)).toBe(first);
    expect(() => runner.train({ kind: 'rf', params: {} })).toThrow(
      /A training job is already running on this database/,
    );
    await expect(runner.wait(first)).resolves.toMatchObject({ state: 'done' });
    await runner.close();
  });

  it('cancel mid-training leaves the run cancelled with no weights, no metrics and no scores', async () => {
    const events: JobProgress[] = [];
    const runner = jobs(events);
    const before = listRuns(data.db()).filter((r) => r.status === 'done').length;
    const jobId = runner.train({ kind: 'rf', split: 'ip', params: { trees: 2000, seed: 3 } });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.some((e) => e.jobId === jobId && /trees built/.test(e.message))) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    expect(runner.cancel(jobId)).toBe(true);
    const outcome = await runner.wait(jobId);
    expect(outcome.state).toBe('cancelled');
    const run = getRun(data.db(), outcome.runId!)!;
    expect(run).toMatchObject({
      status: 'cancelled',
      metrics: null,
      threshold: null,
      active: false,
      scoredSessions: 0,
    });
    const blob = data.db().prepare('SELECT weights FROM model_runs WHERE id = ?').get(run.id) as {
      weights: Buffer | null;
    };
    expect(blob.weights).toBeNull();
    expect(listRuns(data.db()).filter((r) => r.status === 'done').length).toBe(before);
    expect(listRuns(data.db()).some((r) => r.status === 'training')).toBe(false);
    await runner.close();
  });

  it('a network run cancelled while training reads cancelled, its backend none, never pending', async () => {
    const events: JobProgress[] = [];
    const runner = jobs(events);
    const jobId = runner.train({ kind: 'dense', split: 'ip', params: { epochs: 200, seed: 3 } });
    // Cancelled once the run exists and its rows are being read: tfjs has not handed back a model.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.some((e) => e.jobId === jobId && /sessions read|Fitting|Preparing/.test(e.message))) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    expect(runner.cancel(jobId)).toBe(true);
    const outcome = await runner.wait(jobId);
    expect(outcome.state).toBe('cancelled');
    const run = getRun(data.db(), outcome.runId!)!;
    expect(run.status).toBe('cancelled');
    expect(run.backend).toBe('none');
    await runner.close();
  });

  it('score in a worker: every session scored with flags and explanations, progress in rows', async () => {
    const events: JobProgress[] = [];
    const runner = jobs(events);
    const trained = await runner.wait(runner.train({ kind: 'iforest', params: { trees: 50, seed: 4 } }));
    const jobId = runner.score(trained.runId!);
    expect(runner.score(trained.runId!)).toBe(jobId);
    const outcome = await runner.wait(jobId);
    expect(outcome).toMatchObject({ state: 'done', runId: trained.runId });
    expect(events.filter((e) => e.jobId === jobId).some((e) => /sessions scored/.test(e.message))).toBe(true);
    const run = getRun(data.db(), trained.runId!)!;
    expect(run.scoredSessions).toBe(30_000);
    expect(run.flaggedSessions).toBeGreaterThan(0);
    await runner.close();
  });
});
