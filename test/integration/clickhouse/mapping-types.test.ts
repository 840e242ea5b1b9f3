// A mapped field whose column gives the wrong type: a DateTime start time (Vigil needs epoch ms)
// made every pull find nothing, its time range compared with a number, and `source test` fail with
// "Invalid time value"; a String port made a port: filter a refused query. Adding or testing such
// a source now names each field, the type the table gives and the expression that converts it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { addFleet, VIGIL_TABLE_COLUMNS } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let server: ClickHouseServer;
let core: Core;

beforeAll(async () => {
  server = await startClickHouse();
  await server.sql('CREATE DATABASE logs');
  // Vigil's columns, but the start time a DateTime and the port a text.
  const columns = VIGIL_TABLE_COLUMNS.replace('startTs UInt64', 'startTs DateTime').replace(
    'dstPort Nullable(UInt16)',
    'dstPort Nullable(String)',
  );
  await server.sql(`CREATE TABLE logs.web (${columns}) ENGINE = MergeTree ORDER BY startTs`);
  await server.sql(
    `INSERT INTO logs.web (startTs, endTs, srcIp, dstPort, path) VALUES (now() - 60, 0, '10.0.0.1', '443', '/a')`,
  );
  core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
});
afterAll(async () => {
  await core?.close();
  await server?.stop();
});

describe('a mapped column of the wrong type', () => {
  it('is refused when the source is added, each field named with its type and a conversion', async () => {
    const error = await addFleet(core, server).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^source "fleet": 2 fields of the mapping give the wrong type:/);
    expect(message).toContain(
      "startTs = `startTs` gives DateTime, epoch milliseconds are needed (--field 'startTs=toUInt64(toUnixTimestamp(`startTs`)) * 1000')",
    );
    expect(message).toContain(
      "dstPort = `dstPort` gives Nullable(String), a number is needed (--field 'dstPort=toUInt64OrNull(`dstPort`)')",
    );
    expect(await core.service.listSources({})).toEqual([]);
  });

  it('works once converted as the message says, and `source test` gives the time span', async () => {
    await addFleet(core, server, {
      fields: {
        startTs: 'toUInt64(toUnixTimestamp(`startTs`)) * 1000',
        dstPort: 'toUInt64OrNull(`dstPort`)',
      },
    });
    const check = await core.service.testSource({ name: 'fleet' });
    expect(check.rows).toBe(1);
    expect(check.firstTs).toBeGreaterThan(Date.now() - 3_600_000);
  });
});
