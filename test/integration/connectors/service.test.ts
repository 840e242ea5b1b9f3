// The connector through the service contract: a 'pull' job whose chunks go through the import queue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { operations, type VigilEvent } from '../../../src-shared/api.js';
import { createTempDirs } from '../../helpers/temp.js';
import { vpcEvents } from './events.js';
import { testCore } from './harness.js';
import { createGroup, type Moto, putEvents, REGION, startMoto } from './moto.js';

const tempDir = createTempDirs();
let moto: Moto;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  await moto.reset();
});

describe('service: listLogGroups and startPull', () => {
  it('runs a pull job: progress events of kind "pull", chunks imported by the import worker, data-changed at the end', async () => {
    await createGroup(moto, '/vpc/flow', ['s']);
    await putEvents(moto, '/vpc/flow', 's', vpcEvents(2_500, Date.now() - 60_000).events);
    const c = testCore(tempDir());
    const events: VigilEvent[] = [];
    c.events.on('event', (e) => events.push(e));
    const args = operations.startPull.args.parse({
      region: REGION,
      endpoint: moto.url,
      logGroup: '/vpc/flow',
      since: '1h',
    });
    const { jobId } = await c.service.startPull(args);
    // The same log group and selection again joins the running job.
    expect((await c.service.startPull(args)).jobId).toBe(jobId);
    const summary = await c.pulls.wait(jobId);
    expect(summary).toMatchObject({
      status: 'done',
      events: 2_500,
      counts: { stored: 2_500, duplicates: 0 },
    });
    expect(summary!.importIds).toHaveLength(3);
    const job = await c.service.jobStatus({ jobId });
    expect(job).toMatchObject({ kind: 'pull', state: 'done', fraction: 1, counts: { stored: 2_500 } });
    expect(job.message).toMatch(
      /^\/vpc\/flow: 2,500 events pulled; 2,500 stored, 0 quarantined, 0 duplicates$/,
    );
    const kinds = (await c.service.listJobs({})).map((j) => j.kind).sort();
    expect(kinds).toEqual(['import', 'import', 'import', 'pull']);
    const pullEvents = events.flatMap((e) =>
      e.type === 'job-progress' && e.job.jobId === jobId ? [e.job] : [],
    );
    expect(pullEvents.length).toBeGreaterThan(2);
    expect(pullEvents.every((p) => operations.jobStatus.result.safeParse(p).success)).toBe(true);
    expect(events).toContainEqual({ type: 'data-changed', reason: 'pull' });
    const imports = await c.service.listImports({});
    expect(imports.reduce((n, i) => n + i.stored, 0)).toBe(2_500);
    // Each chunk the import worker took keeps where it came from.
    for (const i of imports)
      expect(i.origin).toMatch(
        new RegExp(`^cloudwatch logs ${REGION} log group /vpc/flow via ${moto.url}, \\S+ – \\S+$`),
      );
    const groups = await c.service.listLogGroups(
      operations.listLogGroups.args.parse({ region: REGION, endpoint: moto.url }),
    );
    expect(groups).toEqual([expect.objectContaining({ name: '/vpc/flow', resumable: false })]);
    await c.close();
  });

  it('a failing pull ends as a failed job with the explained error', async () => {
    const c = testCore(tempDir());
    const { jobId } = await c.service.startPull(
      operations.startPull.args.parse({
        region: REGION,
        endpoint: moto.url,
        logGroup: 'missing',
        since: '1h',
      }),
    );
    expect(await c.pulls.wait(jobId)).toBeNull();
    expect(await c.service.jobStatus({ jobId })).toMatchObject({
      kind: 'pull',
      state: 'failed',
      error: `log group missing not found in region ${REGION} (endpoint ${moto.url}).`,
    });
    await c.close();
  });

  it('the contract refuses contradictory or unsafe arguments before anything reaches AWS', () => {
    const base = { region: REGION, logGroup: 'g' };
    const problems = (args: object) =>
      operations.startPull.args.safeParse(args).error?.issues.map((i) => i.message) ?? [];
    expect(problems({ ...base, filterPattern: 'x', insightsQuery: 'fields @message' })).toEqual([
      'Give either a filter pattern or a Logs Insights query, not both.',
    ]);
    expect(problems({ ...base, from: 10, to: 5 })).toEqual([
      'The start of the time range (from) is after its end (to).',
    ]);
    expect(problems({ ...base, since: '1 day' })).toEqual(['a duration such as 30m, 24h or 7d']);
    expect(problems({ ...base, endpoint: 'file:///etc/passwd' }).length).toBe(1);
    expect(problems({ ...base, region: 'eu-west-1; rm -rf' }).length).toBe(1);
    expect(problems(base)).toEqual([]);
  });
});
