// A source added with https:// where the server speaks plain http (its 8123 port) failed with
// OpenSSL's own words ("write EPROTO 80…:error:0A00010B:SSL routines:ssl3_get_record:wrong version
// number:../deps/openssl/…"): now one line saying the TLS handshake failed and what to try.
// And about one time in ten ClickHouse's http port never answered the ClientHello at all (it reads
// the random bytes as the start of a request line and waits for its end): the check then hung for
// the client's whole request timeout. A handshake now has its own bound (tls-handshake.ts).
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Core, createCore } from '../../../src-main/core/service.js';
import { addFleet } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
let server: ClickHouseServer;
let core: Core;
/** A port that accepts a connection and never says a word (the hanging case, every time). */
let silent: net.Server;
const held = new Set<net.Socket>();

beforeAll(async () => {
  server = await startClickHouse();
  // The request timeout is short so that, without the handshake's bound, the silent case fails
  // with "did not answer in time" rather than running out the test's own time.
  core = createCore({
    dbPath: path.join(tempDir(), 'vigil.db'),
    enrich: false,
    sourceOptions: { handshakeTimeoutMs: 300, timeoutMs: 4_000 },
  });
  silent = net.createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await core?.close();
  await server?.stop();
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
});

const tlsRefusal = (url: string) =>
  `Cannot reach source "fleet" at ${url} over TLS: the server does not answer https (is it an http:// address?).`;

describe('https:// to a plain http server', () => {
  // Ten tries: the hang came from the ClientHello's random bytes, about one time in ten.
  it('says the TLS handshake failed and suggests http://, without OpenSSL internals, every time', async () => {
    const https = server.url.replace(/^http:/, 'https:');
    for (let attempt = 0; attempt < 10; attempt++) {
      const error = await addFleet(core, { ...server, url: https }).catch((e: Error) => e);
      expect((error as Error).message).toBe(tlsRefusal(https));
    }
  });

  it('says the same, within the handshake bound, of a server that never answers the handshake', async () => {
    const https = `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    const started = Date.now();
    const error = await addFleet(core, { ...server, url: https }).catch((e: Error) => e);
    expect((error as Error).message).toBe(tlsRefusal(https));
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
