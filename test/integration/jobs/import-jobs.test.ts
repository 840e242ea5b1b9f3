import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { countSessions } from '../../../src-main/core/db/sessions.js';
import { ImportJobs } from '../../../src-main/core/jobs/import-jobs.js';
import { JobRegistry } from '../../../src-main/core/jobs/job-registry.js';
import type { JobProgress } from '../../../src-shared/domain.js';
import { writeCloudwatchFile } from '../../helpers/cloudwatch-rows.js';
import { createTempDirs, SAMPLE } from '../../helpers/temp.js';

const tempDir = createTempDirs();

function jobsFor(dir: string, events: JobProgress[]) {
  const dbPath = path.join(dir, 'v.db');
  openDatabase(dbPath).close();
  const registry = new JobRegistry((p) => events.push(p));
  return { dbPath, registry, jobs: new ImportJobs({ dbPath, cacheDir: null, enrich: false, registry }) };
}

describe('import jobs (worker threads)', () => {
  it('run an import off the main thread and report queued → running → done', async () => {
    const events: JobProgress[] = [];
    const { dbPath, jobs, registry } = jobsFor(tempDir(), events);
    const jobId = jobs.start({ file: SAMPLE });
    const record = await jobs.wait(jobId);
    expect(record).toMatchObject({ status: 'done', stored: 282 });
    const states = events.filter((e) => e.jobId === jobId).map((e) => e.state);
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('done');
    expect(registry.get(jobId)).toMatchObject({ state: 'done', fraction: 1, counts: { stored: 282 } });
    const db = openDatabase(dbPath);
    expect(countSessions(db)).toBe(282);
    db.close();
    await jobs.close();
  });

  it('let a second request for the same file join the running job', async () => {
    const { jobs } = jobsFor(tempDir(), []);
    const first = jobs.start({ file: SAMPLE });
    expect(jobs.start({ file: SAMPLE })).toBe(first);
    await jobs.wait(first);
    await jobs.close();
  });

  it('cancel a running import: nothing stored, state cancelled; a queued one never starts', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.csv');
    await writeCloudwatchFile(big, 0, 300_000);
    const events: JobProgress[] = [];
    const { dbPath, jobs, registry } = jobsFor(dir, events);
    const running = jobs.start({ file: big });
    const queued = jobs.start({ file: SAMPLE });
    expect(registry.get(queued)?.state).toBe('queued');
    expect(jobs.cancel(queued)).toBe(true);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if ((registry.get(running)?.counts?.rowsRead ?? 0) > 0) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    expect(jobs.cancel(running)).toBe(true);
    await jobs.wait(running);
    expect(registry.get(running)?.state).toBe('cancelled');
    expect(registry.get(queued)?.state).toBe('cancelled');
    const db = openDatabase(dbPath);
    expect(countSessions(db)).toBe(0);
    db.close();
    await jobs.close();
  });

  it('keep the main event loop responsive during a large import', async () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.csv');
    await writeCloudwatchFile(big, 0, 200_000);
    const { jobs } = jobsFor(dir, []);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await jobs.wait(jobs.start({ file: big }));
    delay.disable();
    // The import takes seconds; run on the main thread it would stall it for all of them. Two
    // cores shared with the parser, the writer and other test files give the scheduler's jitter,
    // hence the margins: a blocked loop fails these by an order of magnitude.
    expect(delay.percentile(99) / 1e6).toBeLessThan(200);
    expect(delay.max / 1e6).toBeLessThan(1000);
    await jobs.close();
  });
});
