// Adding or testing a source reads what the check needs, not the whole table: its one-row probe of
// the mapping sorted every row by time first (ORDER BY … LIMIT 1 reads every mapped column of every
// row on 18.16), so `vigil source add` and Test on a 30 M-row table spent 6.9 s of 7.2 s sorting,
// and a table of billions of rows ran into the request timeout. The table here is a view whose path
// column fails past its millionth row: only a check that reads every row's path can fail on it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESET_MAPPINGS } from '../../../src-main/core/connectors/clickhouse/mapping.js';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { addFleet } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const ROWS = 5_000_000;
const T0 = Date.UTC(2026, 0, 5);
// The view gives these; every other field of the `vigil` preset is mapped to NULL.
const GIVEN = new Set(['startTs', 'endTs', 'srcIp', 'dstIp', 'dstPort', 'path']);
const NULL_FIELDS = Object.keys(PRESET_MAPPINGS.vigil).filter((field) => !GIVEN.has(field));

let server: ClickHouseServer;
let core: Core;

beforeAll(async () => {
  server = await startClickHouse();
  await server.sql('CREATE DATABASE logs');
  await server.sql(
    `CREATE VIEW logs.web AS SELECT ${T0} + number AS startTs, ${T0} + number AS endTs,
       concat('10.0.', toString(number % 250), '.1') AS srcIp, '10.9.9.9' AS dstIp, 443 AS dstPort,
       if(throwIf(number >= 1000000) = 0, '/p', '') AS path
     FROM system.numbers LIMIT ${ROWS}`,
  );
  core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
}, 60_000);
afterAll(async () => {
  await core?.close();
  await server?.stop();
});

describe('the check of a source (source add, source test)', () => {
  it('runs the mapping on one row without reading every row', async () => {
    await addFleet(core, server, { fields: Object.fromEntries(NULL_FIELDS.map((field) => [field, 'NULL'])) });
    const check = await core.service.testSource({ name: 'fleet' });
    expect(check.rows).toBe(ROWS);
    expect(check.firstTs).toBe(T0);
    expect(check.lastTs).toBe(T0 + ROWS - 1);
  });
});
