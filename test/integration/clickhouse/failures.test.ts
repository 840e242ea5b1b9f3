// A pull that fails part-way says why in one clear line and keeps what it stored: an error the
// engine raises after the first rows (its text arrives as the last line of the stream), a server
// killed mid-stream, a request that takes too long, a password that stopped working, a mapping
// column the table lacks. Each against a real clickhouse-server.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceConnectionOptions } from '../../../src-main/core/connectors/clickhouse/client.js';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { operations } from '../../../src-shared/api.js';
import { addFleet, T0, VIGIL_TABLE_COLUMNS } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const running: { server?: ClickHouseServer; core?: Core }[] = [];
afterEach(async () => {
  for (const { server, core } of running.splice(0)) {
    await core?.close();
    await server?.stop();
  }
});

/** A server holding `rows` rows, one a second from T0 (INSERT … SELECT FROM numbers()). */
async function serverWith(rows: number): Promise<ClickHouseServer> {
  const server = await startClickHouse();
  running.push({ server });
  await server.sql('CREATE DATABASE logs');
  await server.sql(`CREATE TABLE logs.web (${VIGIL_TABLE_COLUMNS}) ENGINE = MergeTree ORDER BY startTs`);
  await server.sql(
    `INSERT INTO logs.web (startTs, endTs, srcIp, path, country) SELECT ${T0} + number * 1000, ${T0} + number * 1000,
       concat('10.0.', toString(intDiv(number, 250) % 250), '.', toString(number % 250)), concat('/p/', toString(number % 97)), 'DE'
     FROM numbers(${rows})`,
  );
  process.env.VIGIL_TEST_CH_PASSWORD = server.password;
  return server;
}

async function pullOnce(
  server: ClickHouseServer,
  options: SourceConnectionOptions & { flushRows?: number },
  fields = {},
) {
  const core = createCore({
    dbPath: path.join(tempDir(), 'vigil.db'),
    enrich: false,
    sourceOptions: options,
  });
  running.push({ core });
  await addFleet(core, server, { fields, noCheck: true });
  const { jobId } = await core.service.startSourcePull(
    operations.startSourcePull.args.parse({ source: 'fleet', from: T0, to: T0 + 10 ** 9 }),
  );
  return { core, jobId };
}

async function ended(core: Core, jobId: string, whileRunning?: (stored: number) => void) {
  for (;;) {
    const job = await core.service.jobStatus({ jobId });
    if (job.state !== 'running') return job;
    whileRunning?.(job.counts?.stored ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const stored = (core: Core) =>
  (core.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;

describe('ClickHouse pulls that fail part-way', () => {
  it('an engine error after the first rows ends the pull with its reason; chunks before it are kept', async () => {
    const server = await serverWith(150_000);
    // Streamed as the engine sends it (not waiting for the end), and stopped by a result-size limit
    // checked as blocks go out: the error comes after 60 000 rows were sent.
    const { core, jobId } = await pullOnce(server, {
      flushRows: 20_000,
      settings: { wait_end_of_query: 0, max_block_size: 1000, max_result_rows: 60_000 },
    });
    const job = await ended(core, jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(
      /^source "fleet" refused the query: Limit for result exceeded, max rows: 60\.00 thousand.* \(code 396\)\. \d+ rows stored before this are kept; run the same pull again to continue\.$/,
    );
    expect(stored(core)).toBeGreaterThan(0);
    expect(stored(core)).toBeLessThanOrEqual(60_000);
    expect(job.sourcePullSummary?.counts.stored).toBe(stored(core));
  });

  it('a server killed mid-stream: a clear error, the stored rows kept', async () => {
    const server = await serverWith(400_000);
    const { core, jobId } = await pullOnce(server, { flushRows: 20_000 });
    let killed = false;
    const job = await ended(core, jobId, (n) => {
      if (n > 0 && !killed) {
        killed = true;
        server.kill();
      }
    });
    expect(killed).toBe(true);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(
      /^Cannot reach source "fleet" at http:\/\/127\.0\.0\.1:\d+ \(\w+\): is the server running\?|connection closed/,
    );
    expect(stored(core)).toBeGreaterThan(0);
    expect(stored(core)).toBeLessThan(400_000);
  });

  it('a password that no longer works: the pull says so in one line and stores nothing', async () => {
    const server = await serverWith(1000);
    const core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
    running.push({ core });
    await addFleet(core, server);
    process.env.VIGIL_TEST_CH_PASSWORD = 'rotated-meanwhile';
    const { jobId } = await core.service.startSourcePull(
      operations.startSourcePull.args.parse({ source: 'fleet', from: T0, to: T0 + 10 ** 9 }),
    );
    const job = await ended(core, jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(
      /^source "fleet" refused the user name or password \(Wrong password for user default\)/,
    );
    expect(stored(core)).toBe(0);
    const spool = path.join(path.dirname(core.db.name), 'spool');
    expect(fs.existsSync(spool) ? fs.readdirSync(spool) : []).toEqual([]);
  });

  it('a password variable that is not set: the message names it', async () => {
    const server = await serverWith(10);
    const core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
    running.push({ core });
    await addFleet(core, server);
    delete process.env.VIGIL_TEST_CH_PASSWORD;
    const { jobId } = await core.service.startSourcePull(
      operations.startSourcePull.args.parse({ source: 'fleet', from: T0, to: T0 + 10 ** 9 }),
    );
    const job = await ended(core, jobId);
    expect(job.state).toBe('failed');
    // 18.16 answers "Password required" (code 194); the analyst learns where Vigil looked.
    expect(job.error).toMatch(
      /^source "fleet" refused the user name or password \(.*\)\. Check the password's environment variable or profile file: it is read from \$VIGIL_TEST_CH_PASSWORD, which is not set here\.$/,
    );
  });

  it('a mapping that names a column the table lacks: the pull says which, stores nothing', async () => {
    const server = await serverWith(1000);
    const { core, jobId } = await pullOnce(server, {}, { userAgent: 'http_user_agent' });
    const job = await ended(core, jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(
      /a column named by the mapping does not exist \(Unknown identifier: http_user_agent\)/,
    );
    expect(stored(core)).toBe(0);
  });

  it('a request over its time is given up with a message that says so', async () => {
    const server = await serverWith(10);
    const { core, jobId } = await pullOnce(
      server,
      { timeoutMs: 300 },
      { label: "if(sleep(1) = 0, 'x', 'x')" },
    );
    const job = await ended(core, jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toBe(`source "fleet" did not answer in time (${server.url}).`);
  });
});
