// A threat-type run that a time split left untested for some kinds (issue "judged per class,
// honestly"): its evaluation says which kinds were judged, it does not become active on its own,
// activation refuses it unless accepted knowingly, and a flag of an untested kind says so.
// Through the core service as the UI calls it: a real SQLite file, training and scoring in workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { operations } from '../../../src-shared/api.js';
import type { ModelRun } from '../../../src-shared/models.js';
import { writeUntestedKindsDb } from '../../helpers/untested-kinds-data.js';
import { suiteDir } from './harness.js';

const dir = suiteDir();
let core: Core;
let typed: ModelRun;

async function finished(jobId: string) {
  for (;;) {
    const job = await core.service.jobStatus({ jobId });
    if (job.state !== 'running' && job.state !== 'queued') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function trained(args: unknown): Promise<ModelRun> {
  const { jobId } = await core.service.train(operations.train.args.parse(args));
  const job = await finished(jobId);
  expect(job.state, job.message ?? '').toBe('done');
  return core.service.getRun({ id: job.runId! });
}

beforeAll(async () => {
  core = createCore({ dbPath: writeUntestedKindsDb(`${dir}/v.db`) });
  typed = await trained({ kind: 'rf', target: 'type', split: 'time', params: { trees: 20, seed: 3 } });
}, 120_000);
afterAll(() => core?.close());

describe('a threat-type run with kinds the time split left untested', () => {
  it('records per kind whether the held-out side judged it', () => {
    const perClass = typed.metrics?.multiclass?.perClass ?? [];
    const tested = Object.fromEntries(perClass.map((c) => [c.kind, c.tested]));
    expect(tested).toEqual({
      benign: 'judged',
      brute_force: 'none-held-out',
      sql_injection: 'none-held-out',
      xss: 'judged',
    });
    // The kinds untested were fitted on: the run will name them.
    for (const kind of ['brute_force', 'sql_injection'])
      expect(perClass.find((c) => c.kind === kind)?.fitSupport).toBeGreaterThan(0);
  });

  it('does not become active on its own, though it is the first run of its kind', () => {
    expect(typed.active).toBe(false);
  });

  it('refuses activation without acceptance, naming the untested kinds and the way on', async () => {
    const refused = core.service.setActiveModel({ runId: typed.id });
    await expect(refused).rejects.toThrow(
      `Not activated. Run ${typed.id} names 2 kinds on new sessions that it was not tested on: `,
    );
    for (const kind of ['brute_force', 'sql_injection'])
      await expect(refused).rejects.toThrow(`${kind} (no held-out session)`);
    await expect(refused).rejects.not.toThrow('xss');
    await expect(core.service.setActiveModel({ runId: typed.id })).rejects.toThrow(
      `vigil models activate ${typed.id} --accept-untested`,
    );
    expect((await core.service.getRun({ id: typed.id })).active).toBe(false);
  });

  it('rejects a malformed acceptance and an unknown run as before', async () => {
    expect(() => operations.setActiveModel.args.parse({ runId: typed.id, acceptUntested: 'yes' })).toThrow();
    await expect(core.service.setActiveModel({ runId: 9999, acceptUntested: true })).rejects.toThrow(
      'No model run with id 9999',
    );
  });

  it('activates when accepted, and a flag of an untested kind says it was not tested', async () => {
    const run = await core.service.setActiveModel({ runId: typed.id, acceptUntested: true });
    expect(run.active).toBe(true);
    const scoring = await core.service.scoreSessions({ runId: typed.id });
    expect((await finished(scoring.jobId)).state).toBe('done');
    const byKind = (kind: string) =>
      core.db
        .prepare('SELECT session_id FROM scores WHERE run_id = ? AND predicted_kind = ? LIMIT 1')
        .pluck()
        .get(typed.id, kind) as number | undefined;
    const brute = byKind('brute_force');
    const xss = byKind('xss');
    expect(brute).toBeDefined();
    expect(xss).toBeDefined();
    const [untested] = operations.sessionScores.result.parse(
      await core.service.sessionScores({ sessionId: brute! }),
    );
    expect(untested).toMatchObject({ predictedKind: 'brute_force', kindTesting: 'none-held-out' });
    const [judged] = await core.service.sessionScores({ sessionId: xss! });
    expect(judged).toMatchObject({ predictedKind: 'xss', kindTesting: 'judged' });
  }, 60_000);

  it('activates a malicious-or-not run of the same data without asking', async () => {
    const plain = await trained({ kind: 'dense', split: 'time', params: { epochs: 3, seed: 1 } });
    const run = await core.service.setActiveModel({ runId: plain.id });
    expect(run.active).toBe(true);
  }, 120_000);
});
