// A pull job's progress carries its structured detail (events, bytes, pages, covered range).
import { describe, expect, it } from 'vitest';
import { operations } from '../../../src-shared/api.js';
import type { JobProgress } from '../../../src-shared/domain.js';
import { createTempDirs } from '../../helpers/temp.js';
import { vpcEvents } from './events.js';
import { testCore } from './harness.js';
import { createGroup, putEvents, REGION } from './moto.js';
import { motoPerFile } from './moto-per-file.js';

const tempDir = createTempDirs();
const moto = motoPerFile();

describe('pull job progress', () => {
  it('reports events, bytes, pages and the covered time range as structured fields; imports have none', async () => {
    await createGroup(moto(), '/vpc/flow', ['s']);
    const t0 = Date.now() - 600_000;
    const { events } = vpcEvents(2_500, t0);
    await putEvents(moto(), '/vpc/flow', 's', events);
    const core = testCore(tempDir());
    const seen: JobProgress[] = [];
    core.events.on('event', (e) => e.type === 'job-progress' && seen.push(e.job));
    const { jobId } = await core.service.startPull(
      operations.startPull.args.parse({
        region: REGION,
        endpoint: moto().url,
        logGroup: '/vpc/flow',
        since: '1h',
      }),
    );
    await core.pulls.wait(jobId);
    const job = await core.service.jobStatus({ jobId });
    const bytes = events.reduce((n, e) => n + Buffer.byteLength(e.message!), 0);
    expect(job.pull).toEqual({
      phase: 'done',
      logGroup: '/vpc/flow',
      events: 2_500,
      bytes,
      pages: 3,
      rangeStart: expect.any(Number),
      rangeEnd: expect.any(Number),
      coveredFrom: t0,
      coveredTo: t0 + 2_499,
    });
    expect(job.pull!.rangeEnd - job.pull!.rangeStart).toBe(3_600_000);
    // The message says the same in words while the pull runs.
    const running = seen.filter((p) => p.jobId === jobId && p.pull?.phase === 'fetching');
    expect(running.length).toBeGreaterThan(0);
    expect(running.at(-1)!.message).toMatch(
      /^\/vpc\/flow: fetching: [\d,]+ events in \d+ pages? \([\d.]+ (B|KiB)\)/,
    );
    // Events grow monotonically and every one passes the shared schema.
    const counts = seen.filter((p) => p.jobId === jobId && p.pull).map((p) => p.pull!.events);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(seen.every((p) => operations.jobStatus.result.safeParse(p).success)).toBe(true);

    const [importJob] = (await core.service.loadSample({})).jobIds;
    await core.jobs.wait(importJob!);
    expect((await core.service.jobStatus({ jobId: importJob! })).pull).toBeUndefined();
    await core.close();
  });
});
