// Pulls from a real ClickHouse server (Debian's 18.16, started per file) into a real workspace:
// exact counts, overlap without duplicates, resume after a stop, the row limit, cancel.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { type ArgsOf, operations } from '../../../src-shared/api.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import { addFleet, fixtureRows, loadFixture, T0 } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const ROWS = fixtureRows(3000);
const HOUR = 3_600_000;
let server: ClickHouseServer;

beforeAll(async () => {
  server = await startClickHouse();
  await loadFixture(server, 'logs', 'web', ROWS);
  process.env.VIGIL_TEST_CH_PASSWORD = server.password;
});
afterAll(async () => {
  await server?.stop();
});

function core(dir = tempDir(), flushRows = 2000): Core {
  return createCore({
    dbPath: path.join(dir, 'vigil.db'),
    enrich: false,
    sourceOptions: { flushRows, timeoutMs: 20_000 },
  });
}

const addSource = (c: Core, extra: Partial<ArgsOf<'addSource'>> = {}) => addFleet(c, server, extra);

async function pull(c: Core, args: Partial<ArgsOf<'startSourcePull'>> & { filterText?: string }) {
  const { filterText, ...rest } = args;
  const parsed = operations.startSourcePull.args.parse({
    source: 'fleet',
    from: T0,
    to: T0 + 48 * HOUR,
    filter: { clauses: parseFilterOrThrow(filterText ?? '') },
    ...rest,
  });
  const { jobId } = await c.service.startSourcePull(parsed);
  return waitJob(c, jobId);
}

async function waitJob(c: Core, jobId: string) {
  for (;;) {
    const job = await c.service.jobStatus({ jobId });
    if (job.state !== 'running' && job.state !== 'queued') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const stored = (c: Core) => (c.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
const inRange = (from: number, to: number) => ROWS.filter((r) => r.startTs >= from && r.startTs < to);

describe('ClickHouse source: registry', () => {
  it('adds a source after checking it, lists it without any password, tests and removes it', async () => {
    const c = core();
    try {
      const added = await addSource(c);
      expect(added).toMatchObject({ name: 'fleet', preset: 'vigil', passwordEnv: 'VIGIL_TEST_CH_PASSWORD' });
      const check = await c.service.testSource({ name: 'fleet' });
      expect(check).toMatchObject({ rows: ROWS.length, version: expect.stringMatching(/^\d+\./) });
      expect(check.firstTs).toBe(Math.min(...ROWS.map((r) => r.startTs)));
      const listed = await c.service.listSources({});
      expect(listed.map((s) => s.name)).toEqual(['fleet']);
      // The password is nowhere in the database file.
      await c.close();
      const bytes = fs.readFileSync(c.db.name);
      expect(bytes.includes(Buffer.from(server.password))).toBe(false);
      const again = core(path.dirname(c.db.name));
      await expect(addSource(again)).rejects.toThrow(/exists already/);
      expect(await again.service.removeSource({ name: 'fleet' })).toEqual({ removed: 'fleet' });
      expect(await again.service.listSources({})).toEqual([]);
      await again.close();
    } finally {
      await c.close().catch(() => {});
    }
  });

  it('refuses a wrong password, an unknown table and a mapping column the table lacks, clearly', async () => {
    const c = core();
    try {
      process.env.VIGIL_TEST_CH_WRONG = 'nope';
      await expect(addSource(c, { passwordEnv: 'VIGIL_TEST_CH_WRONG' })).rejects.toThrow(
        /source "fleet" refused the user name or password \(Wrong password for user default\)/,
      );
      await expect(addSource(c, { table: 'missing' })).rejects.toThrow(
        /source "fleet": the table logs\.missing does not exist \(Table logs\.missing doesn't exist\.?\)/,
      );
      await expect(addSource(c, { fields: { userAgent: 'http_user_agent' } })).rejects.toThrow(
        /1 field of the mapping name columns logs\.web does not have: userAgent = http_user_agent \(first: Unknown identifier: http_user_agent\)/,
      );
      expect(await c.service.listSources({})).toEqual([]);
    } finally {
      await c.close();
    }
  });
});

describe('ClickHouse source: pull', () => {
  it('pulls exactly the rows a filter selects (request fields, a CIDR), copies kept', async () => {
    const c = core();
    try {
      await addSource(c);
      const job = await pull(c, { filterText: 'src:10.0.0.0/8 path:/admin,/wp-login' });
      const expected = ROWS.filter(
        (r) => r.srcIp.startsWith('10.') && (r.path?.startsWith('/admin') || r.path?.startsWith('/wp-login')),
      );
      expect(expected.length).toBeGreaterThan(50);
      expect(job.state).toBe('done');
      expect(job.sourcePullSummary).toMatchObject({
        status: 'done',
        matching: expected.length,
        rows: expected.length,
        counts: { stored: expected.length, duplicates: 0, quarantined: 0 },
      });
      expect(stored(c)).toBe(expected.length);
      // The session carries the request and the flow fields as the source had them.
      const page = await c.service.sessionPage(operations.sessionPage.args.parse({ limit: 1 }));
      const first = [...expected].sort((a, b) => a.startTs - b.startTs)[0];
      expect(page.items[0]).toMatchObject({
        srcIp: first?.srcIp,
        dstPort: first?.dstPort,
        path: first?.path,
        query: first?.query,
        userAgent: first?.userAgent,
        country: first?.country,
      });
    } finally {
      await c.close();
    }
  });

  it('an overlapping pull stores only what is new: the overlap is counted as duplicates', async () => {
    const c = core();
    try {
      await addSource(c);
      const a = await pull(c, { from: T0, to: T0 + 20 * HOUR });
      const b = await pull(c, { from: T0 + 10 * HOUR, to: T0 + 30 * HOUR });
      const first = inRange(T0, T0 + 20 * HOUR + 1).length;
      const second = inRange(T0 + 10 * HOUR, T0 + 30 * HOUR + 1).length;
      const overlap = inRange(T0 + 10 * HOUR, T0 + 20 * HOUR + 1).length;
      expect(a.sourcePullSummary?.counts).toMatchObject({ stored: first, duplicates: 0 });
      expect(b.sourcePullSummary?.counts).toMatchObject({ stored: second - overlap, duplicates: overlap });
      expect(stored(c)).toBe(inRange(T0, T0 + 30 * HOUR + 1).length);
    } finally {
      await c.close();
    }
  });

  it('resumes with --new after a cancel: every row once, identical copies all kept', async () => {
    const dir = tempDir();
    const c = core(dir, 400);
    try {
      await addSource(c);
      const parsed = operations.startSourcePull.args.parse({
        source: 'fleet',
        from: T0,
        to: T0 + 48 * HOUR,
        newOnly: true,
      });
      const { jobId } = await c.service.startSourcePull(parsed);
      // Cancel once the first chunks are in.
      for (;;) {
        const job = await c.service.jobStatus({ jobId });
        if ((job.counts?.stored ?? 0) >= 800 || job.state !== 'running') break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await c.service.cancelJob({ jobId });
      const cancelled = await waitJob(c, jobId);
      expect(cancelled.state).toBe('cancelled');
      const before = stored(c);
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(ROWS.length);
      const resumed = await pull(c, { newOnly: true });
      expect(resumed.state).toBe('done');
      // Only the watermark's time on was asked again.
      expect(resumed.sourcePullSummary?.rows).toBeLessThan(ROWS.length);
      expect(stored(c)).toBe(ROWS.length);
      const copies = ROWS.length - new Set(ROWS.map((r) => JSON.stringify(r))).size;
      expect(copies).toBeGreaterThan(0);
      const again = await pull(c, { newOnly: true });
      expect(again.sourcePullSummary?.counts.stored).toBe(0);
      expect(stored(c)).toBe(ROWS.length);
    } finally {
      await c.close();
    }
  });

  it('with --new, starts the overlap (default 10m) before the watermark: late rows are pulled, none twice', async () => {
    await loadFixture(server, 'logs', 'late', fixtureRows(200, 9, 2));
    const c = core();
    try {
      await addSource(c, { table: 'late' });
      expect((await pull(c, { newOnly: true })).sourcePullSummary?.counts.stored).toBe(200);
      const watermark = Math.max(...fixtureRows(200, 9, 2).map((r) => r.startTs));
      // Rows the table receives after the pull, with times before the newest pulled one.
      const late = (minutes: number, path: string) => ({
        ...fixtureRows(1, 9)[0],
        startTs: watermark - minutes * 60_000,
        endTs: watermark - minutes * 60_000,
        path,
      });
      await server.sql(
        `INSERT INTO logs.late FORMAT JSONEachRow\n${[late(5, '/late-5m'), late(20, '/late-20m')].map((r) => JSON.stringify(r)).join('\n')}`,
      );
      const byDefault = await pull(c, { newOnly: true });
      expect(byDefault.sourcePullSummary?.counts.stored).toBe(1);
      expect(byDefault.sourcePullSummary?.counts.duplicates).toBeGreaterThan(0);
      const wider = await pull(c, { newOnly: true, overlap: '30m' });
      expect(wider.sourcePullSummary?.counts.stored).toBe(1);
      expect(stored(c)).toBe(202);
    } finally {
      await c.close();
    }
  });

  it('refuses a pull of more rows than the limit, before fetching any', async () => {
    const c = core();
    try {
      await addSource(c);
      const job = await pull(c, { limit: 100 });
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/3,000 rows of source "fleet" match, more than the limit of 100: .*--limit/);
      expect(stored(c)).toBe(0);
    } finally {
      await c.close();
    }
  });
});
