// A pull from a source says from its start what it pulls (source and filter), so Recent jobs can
// name it: it carried neither until it ended, and was headed "CloudWatch Logs pull" meanwhile.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { operations } from '../../../src-shared/api.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { addFleet, fixtureRows, loadFixture, T0 } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
// Enough rows that the pulled count passes a thousand.
const ROWS = fixtureRows(8000);
const SQLMAP = ROWS.filter((row) => row.userAgent?.toLowerCase().includes('sqlmap')).length;
let server: ClickHouseServer;
let core: Core;

beforeAll(async () => {
  server = await startClickHouse();
  await loadFixture(server, 'logs', 'web', ROWS);
  core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
  await addFleet(core, server);
}, 60_000);
afterAll(async () => {
  await core?.close();
  await server?.stop();
});

describe('a source pull job', () => {
  it('names its source and filter from the start to the end', async () => {
    const { jobId } = await core.service.startSourcePull(
      operations.startSourcePull.args.parse({
        source: 'fleet',
        filter: { clauses: parseFilterOrThrow('ua:sqlmap') },
        from: T0,
        to: T0 + 3 * 86_400_000,
      }),
    );
    const named = { source: 'fleet', filter: 'ua:sqlmap' };
    expect((await core.service.jobStatus({ jobId })).sourcePull).toEqual(named);
    let job = await core.service.jobStatus({ jobId });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = await core.service.jobStatus({ jobId });
    }
    expect(job.state).toBe('done');
    expect(job.sourcePull).toEqual(named);
    // Every count grouped by thousands, as the rows are (the stored count read "1108" beside "1,108").
    expect(SQLMAP).toBeGreaterThan(1000);
    const n = SQLMAP.toLocaleString('en-US');
    expect(job.message).toBe(`fleet: ${n} rows pulled; ${n} stored, 0 quarantined, 0 duplicates`);
  });
});
