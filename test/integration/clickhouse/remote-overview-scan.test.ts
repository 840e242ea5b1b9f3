// How a source's Overview reads the table (ClickHouse 18.16, a real server): the totals, numeric
// charts and distinct sources share one scan, the cells and ports another, and the answers still equal the local Overview of the same rows pulled, also
// without a range (the series' bucket then follows the matched rows' span: hours added up, or a
// finer bucket asked afterwards); source addresses that are not canonical IPv4 text count as texts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceConnection } from '../../../src-main/core/connectors/clickhouse/client.js';
import { remoteOverview } from '../../../src-main/core/connectors/clickhouse/remote-overview.js';
import { type Core, createCore } from '../../../src-main/core/service.js';
import type { OverviewAnswer } from '../../../src-shared/analytics.js';
import { operations } from '../../../src-shared/api.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/parse.js';
import type { SourceInfo, SourceOverview } from '../../../src-shared/sources.js';
import { HOUR, MINUTE } from '../../../src-shared/time-buckets.js';
import { addFleet, type FixtureRow, fixtureRows, loadFixture, T0 } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';

/** Texts that are no canonical dotted quad, beside ones that are, some naming the same number. */
const ODD_SOURCES = [
  '010.1.0.1',
  '10.1.0.1',
  '10.1.00.1',
  '2001:db8::7',
  'gateway-7',
  '10.1.0.1.5',
  '300.1.1.1',
];
/** Matches every row (a negation keeps missing paths), so the local Overview reads the sessions. */
const EVERY_ROW = '-path:/nothing-here';

/** Rows over `hours`, every 40th from one of ODD_SOURCES (a workspace quarantines those). */
function oddRows(n: number, seed: number, hours: number): FixtureRow[] {
  return fixtureRows(n, seed, hours).map((row, i) =>
    i % 40 === 0 ? { ...row, srcIp: ODD_SOURCES[(i / 40) % ODD_SOURCES.length] as string } : row,
  );
}

let server: ClickHouseServer;
const workspaces: Core[] = [];
// One folder for the whole file: the workspaces are opened once and read by every test.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-overview-scan-'));

/** A workspace holding every row of logs.<table>, pulled from it as source `name`. */
async function workspaceOf(table: string, name: string, all: FixtureRow[]) {
  const core = createCore({
    dbPath: path.join(folder, `${name}.db`),
    enrich: false,
    sourceOptions: { timeoutMs: 20_000 },
  });
  workspaces.push(core);
  const info = await addFleet(core, server, { name, table });
  const times = all.map((row) => row.startTs);
  const range = { from: Math.min(...times), to: Math.max(...times) + 1 };
  const { jobId } = await core.service.startSourcePull(
    operations.startSourcePull.args.parse({ source: name, ...range }),
  );
  for (;;) {
    const job = await core.service.jobStatus({ jobId });
    if (job.state === 'done') break;
    if (job.state !== 'running') throw new Error(job.error ?? job.message);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { core, info };
}

const WIDE = fixtureRows(3000, 21, 200);
const NARROW = fixtureRows(2000, 23, 30);
const ODD = oddRows(3000, 25, 48);
let wide: { core: Core; info: SourceInfo };
let narrow: { core: Core; info: SourceInfo };

beforeAll(async () => {
  server = await startClickHouse();
  await loadFixture(server, 'logs', 'wide', WIDE);
  await loadFixture(server, 'logs', 'narrow', NARROW);
  await loadFixture(server, 'logs', 'odd', ODD);
  wide = await workspaceOf('wide', 'wide', WIDE);
  narrow = await workspaceOf('narrow', 'narrow', NARROW);
});
afterAll(async () => {
  for (const core of workspaces) await core.close();
  await server?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** What both answers must agree on (local-only facts such as verdicts and models left out). */
function charts(answer: OverviewAnswer | SourceOverview) {
  const { kpis, series, typeByCountry, countries, histograms, ports } = answer;
  const { sessions, bytesIn, bytesOut, sourceIps, countries: countryCount, firstTs, lastTs } = kpis;
  return {
    kpis: { sessions, bytesIn, bytesOut, sourceIps, countries: countryCount, firstTs, lastTs },
    series: {
      bucketMs: series.bucketMs,
      from: series.from,
      to: series.to,
      points: series.points.map(({ t, sessions, bytesIn, bytesOut }) => ({ t, sessions, bytesIn, bytesOut })),
    },
    cells: typeByCountry.cells,
    countries: countries.rows.map(({ country, sessions }) => ({ country, sessions })),
    histograms: histograms.metrics,
    protocols: ports.protocols,
    ports: ports.ports,
  };
}

describe('a source Overview without a range equals the local Overview of every row pulled', () => {
  it.each([
    ['200 hours: hour buckets from the shared scan', () => wide, HOUR],
    ['30 hours: 15-minute buckets asked once the span is known', () => narrow, 15 * MINUTE],
  ] as const)('%s', async (_what, which, bucketMs) => {
    const { core, info } = which();
    const filter = { clauses: parseFilterOrThrow(EVERY_ROW) };
    const local = await core.service.analyticsOverview({ filter });
    const remote = await core.service.sourceOverview({ source: info.name, filter });
    expect(local.kpis.source).toBe('sessions');
    expect(remote.series.bucketMs).toBe(bucketMs);
    expect(remote.kpis.sessions).toBe(which() === wide ? WIDE.length : NARROW.length);
    expect(charts(remote)).toEqual(charts(local));
  });

  it('counts source addresses as distinct texts, canonical IPv4 or not', async () => {
    await addFleet(wide.core, server, { name: 'odd', table: 'odd' });
    const remote = await wide.core.service.sourceOverview({ source: 'odd', filter: {} });
    expect(remote.kpis.sessions).toBe(ODD.length);
    expect(remote.kpis.sourceIps).toBe(new Set(ODD.map((row) => row.srcIp)).size);
    // Three texts of one number (010.1.0.1, 10.1.0.1, 10.1.00.1) are three sources, as locally.
    expect(new Set(ODD.map((row) => row.srcIp)).size).toBeGreaterThan(
      new Set(WIDE.map((r) => r.srcIp)).size / 2,
    );
  });
});

describe('rows without a start time', () => {
  it('count in the totals, and give no first or last time and no series', async () => {
    await addFleet(wide.core, server, {
      name: 'timeless',
      table: 'narrow',
      fields: { startTs: 'CAST(NULL AS Nullable(UInt64))' },
    });
    const remote = await wide.core.service.sourceOverview({ source: 'timeless', filter: {} });
    expect(remote.kpis.sessions).toBe(NARROW.length);
    expect(remote.kpis.firstTs).toBeNull();
    expect(remote.kpis.lastTs).toBeNull();
    expect(remote.series.points).toEqual([]);
  });
});

describe('the statements of a source Overview', () => {
  /** The real connection, recording each statement it sends. */
  class Recording extends SourceConnection {
    readonly statements: string[] = [];
    override all<T extends Record<string, unknown>>(sql: string, signal?: AbortSignal): Promise<T[]> {
      this.statements.push(sql);
      return super.all<T>(sql, signal);
    }
  }
  const tableReads = (statements: string[]) =>
    statements.reduce((n, sql) => n + sql.split('FROM `logs`.`wide`').length - 1, 0);

  it('read the table twice: the totals, numeric charts and distinct sources, then cells and ports together', async () => {
    const connection = new Recording(wide.info);
    try {
      const filter = { from: T0, to: T0 + 200 * HOUR, clauses: parseFilterOrThrow('src:10.0.0.0/8') };
      const answer = await remoteOverview(connection, wide.info, filter);
      expect(answer.kpis.sessions).toBeGreaterThan(100);
      expect(tableReads(connection.statements)).toBe(2);
      // Without a range and a span under 60 hours, the series is one statement more.
      const before = connection.statements.length;
      await remoteOverview(connection, narrow.info, { clauses: parseFilterOrThrow(EVERY_ROW) });
      expect(connection.statements.length - before).toBe(3);
    } finally {
      await connection.close();
    }
  });

  it('ask for the cells and the ports apart when together they have too many groups, with the same answer', async () => {
    const connection = new Recording(wide.info);
    try {
      const filter = { from: T0, to: T0 + 200 * HOUR, clauses: parseFilterOrThrow('-country:cn') };
      const together = await remoteOverview(connection, wide.info, filter);
      const asked = connection.statements.length;
      const apart = await remoteOverview(connection, wide.info, filter, undefined, 5);
      // The four-key GROUP BY has more than 5 groups: the cells and the ports are asked after it.
      expect(connection.statements.length - asked).toBe(2 + 2);
      expect(apart).toEqual(together);
      expect(together.typeByCountry.cells.length).toBeGreaterThan(5);
      expect(together.ports.ports.length).toBeGreaterThan(3);
    } finally {
      await connection.close();
    }
  });
});
