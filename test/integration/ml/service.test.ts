// The model operations as the UI calls them: through the core service, jobs in workers, schemas
// validated as the transports validate them.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { operations } from '../../../src-shared/api.js';
import type { FeatureContribution } from '../../../src-shared/models.js';
import { generatedDb, suiteDir } from './harness.js';

const dir = suiteDir();
let core: Core;

beforeAll(async () => {
  core = createCore({ dbPath: await generatedDb(dir, { rows: 6000, seed: 17, days: 1, attackRate: 0.06 }) });
  return () => core.close();
});

async function finished(jobId: string) {
  for (;;) {
    const job = await core.service.jobStatus({ jobId });
    if (job.state !== 'running' && job.state !== 'queued') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('model operations (service)', () => {
  it('train → listRuns → scoreSessions → sessionScores, with job progress events', async () => {
    const events: string[] = [];
    core.events.on(
      'event',
      (e) => e.type === 'job-progress' && e.job.kind === 'train' && events.push(e.job.state),
    );
    const args = operations.train.args.parse({ kind: 'rf', split: 'ip', params: { trees: 20 } });
    const { jobId } = await core.service.train(args);
    const job = await finished(jobId);
    expect(job).toMatchObject({ kind: 'train', state: 'done' });
    expect(events.at(-1)).toBe('done');
    const runs = operations.listRuns.result.parse(await core.service.listRuns({}));
    expect(runs[0]).toMatchObject({ id: job.runId, kind: 'rf', split: 'ip', active: true, backend: 'cpu' });
    expect(runs[0]!.metrics!.baseline.rocAuc).toBe(0.5);

    const scoring = await core.service.scoreSessions({ kind: 'rf' });
    expect(scoring.runId).toBe(job.runId);
    expect(await finished(scoring.jobId)).toMatchObject({ kind: 'score', state: 'done' });
    const run = await core.service.getRun({ id: job.runId! });
    expect(run.scoredSessions).toBe(6000);

    // A flagged session explains itself.
    const flagged = core.db
      .prepare('SELECT session_id AS id FROM scores WHERE run_id = ? AND flagged = 1 LIMIT 1')
      .get(run.id) as { id: number };
    const scores = operations.sessionScores.result.parse(
      await core.service.sessionScores({ sessionId: flagged.id }),
    );
    expect(scores[0]).toMatchObject({ runId: run.id, kind: 'rf', active: true, flagged: true });
    expect(scores[0]!.explanation!.length).toBeGreaterThan(0);
    expect(scores[0]!.explanation![0]!.contribution).toBeGreaterThan(0);

    // Each entry carries the session's own value, the training average and the distance between
    // them: checked against the stored sessions for the byte counts (log1p in the features).
    const explained = core.db
      .prepare(
        `SELECT s.bytes_in AS bytesIn, s.bytes_out AS bytesOut, sc.explanation FROM scores sc
         JOIN sessions s ON s.id = sc.session_id WHERE sc.run_id = ? AND sc.flagged = 1`,
      )
      .all(run.id) as { bytesIn: number; bytesOut: number; explanation: string }[];
    let checked = 0;
    for (const row of explained)
      for (const entry of JSON.parse(row.explanation) as FeatureContribution[]) {
        expect(entry.value).toBeTypeOf('number');
        if (!entry.feature.startsWith('country_') && !entry.feature.startsWith('protocol_')) {
          expect(entry.typical).toBeTypeOf('number');
          expect(entry.sd).toBeTypeOf('number');
        }
        const bytes = { log_bytes_in: row.bytesIn, log_bytes_out: row.bytesOut }[entry.feature as string];
        if (bytes === undefined) continue;
        expect(Math.abs(Math.expm1(entry.value!) - bytes)).toBeLessThanOrEqual(Math.max(1, bytes * 1e-3));
        checked++;
      }
    expect(checked).toBeGreaterThan(0);
  });

  it('a refused training ends its job failed with the reason; setActiveModel switches the active run', async () => {
    const { jobId } = await core.service.train(
      operations.train.args.parse({ kind: 'rf', labels: { type: 'verdicts' } }),
    );
    const job = await finished(jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/No analyst verdicts yet/);

    const second = await finished(
      (await core.service.train(operations.train.args.parse({ kind: 'rf', params: { trees: 5 } }))).jobId,
    );
    const before = (await core.service.listRuns({})).find((r) => r.active && r.kind === 'rf')!;
    expect(before.id).not.toBe(second.runId);
    const now = await core.service.setActiveModel({ runId: second.runId! });
    expect(now.active).toBe(true);
    expect((await core.service.getRun({ id: before.id })).active).toBe(false);
    await expect(core.service.getRun({ id: 999 })).rejects.toThrow(/No model run with id 999/);
  });

  it('cancelJob stops a training job; listJobs shows it cancelled and its run keeps nothing', async () => {
    const { jobId } = await core.service.train(
      operations.train.args.parse({ kind: 'rf', params: { trees: 2000 } }),
    );
    for (;;) {
      const job = await core.service.jobStatus({ jobId });
      if (/trees built/.test(job.message)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await core.service.cancelJob({ jobId })).toEqual({ cancelled: true });
    const job = await finished(jobId);
    expect(job.state).toBe('cancelled');
    expect((await core.service.listJobs({})).find((j) => j.jobId === jobId)?.state).toBe('cancelled');
    expect(await core.service.getRun({ id: job.runId! })).toMatchObject({
      status: 'cancelled',
      metrics: null,
    });
  });
});
