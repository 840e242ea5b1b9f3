// A source added with https:// where the server speaks plain http (its 8123 port) failed with
// OpenSSL's own words ("write EPROTO 80…:error:0A00010B:SSL routines:ssl3_get_record:wrong version
// number:../deps/openssl/…"): now one line saying the TLS handshake failed and what to try.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { addFleet } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let server: ClickHouseServer;
let core: Core;

beforeAll(async () => {
  server = await startClickHouse();
  core = createCore({ dbPath: path.join(tempDir(), 'vigil.db'), enrich: false });
});
afterAll(async () => {
  await core?.close();
  await server?.stop();
});

describe('https:// to a plain http server', () => {
  it('says the TLS handshake failed and suggests http://, without OpenSSL internals', async () => {
    const https = server.url.replace(/^http:/, 'https:');
    const error = await addFleet(core, { ...server, url: https }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      `Cannot reach source "fleet" at ${https} over TLS: the server does not answer https (is it an http:// address?).`,
    );
  });
});
