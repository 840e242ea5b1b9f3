// The `combined` preset on a table of nginx's variables, pulled from a real 18.16 server: a request
// time in seconds kept as Float32 (as many such tables do) read 0.1 s as 100.000001490116 ms, and
// that noise reached the sessions and every export. The preset rounds to the microsecond.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { addFleet, pullFleet } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let server: ClickHouseServer;
const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);

beforeAll(async () => {
  server = await startClickHouse();
  await server.sql('CREATE DATABASE IF NOT EXISTS logs');
  await server.sql(`CREATE TABLE logs.web (time_local DateTime, remote_addr String, request_method String,
    host String, request_uri String, server_protocol String, status UInt16, body_bytes_sent UInt64,
    http_referer String, http_user_agent String, request_time Float32) ENGINE = MergeTree ORDER BY time_local`);
  const rows = [0.1, 0.25, 1.003, 0].map((seconds, i) =>
    JSON.stringify({
      time_local: T0 / 1000 + i,
      remote_addr: `203.0.113.${i + 1}`,
      request_method: 'GET',
      host: 'shop.example',
      request_uri: `/p/${i}?q=1`,
      server_protocol: 'HTTP/1.1',
      status: 200,
      body_bytes_sent: 10,
      http_referer: '-',
      http_user_agent: 'curl/8',
      request_time: seconds,
    }),
  );
  await server.sql(`INSERT INTO logs.web FORMAT JSONEachRow\n${rows.join('\n')}`);
});
afterAll(async () => {
  await server?.stop();
});

describe('the combined preset', () => {
  it('reads a Float32 request time in seconds as whole microseconds of milliseconds', async () => {
    const core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
    try {
      await addFleet(core, server, { map: 'combined' });
      await pullFleet(core, { from: T0, to: T0 + 60_000 });
      const times = core.db
        .prepare('SELECT request_time_ms FROM sessions ORDER BY start_ts')
        .pluck()
        .all() as number[];
      expect(times).toEqual([100, 250, 1003, 0]);
    } finally {
      await core.close();
    }
  });
});
