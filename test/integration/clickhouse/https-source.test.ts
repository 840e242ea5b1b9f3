// A ClickHouse source behind TLS, as the built CLI reaches it: a real server behind a TLS proxy
// serving a self-signed certificate (test/fixtures/tls). Trusted through NODE_EXTRA_CA_CERTS, the
// source is added, tested and pulled from over https; untrusted, adding it said only
// `source "fleet" failed: self-signed certificate`, and now says what to do.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliIfStale, type CliResult } from '../../helpers/built-cli.js';
import { fixtureRows, loadFixture, T0 } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { CLI, createTempDirs, ROOT } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const TLS_DIR = path.join(ROOT, 'test', 'fixtures', 'tls');
const CERT = path.join(TLS_DIR, 'self-signed.cert.pem');
const ROWS = fixtureRows(300, 11);
let server: ClickHouseServer;
let proxy: tls.Server;
let httpsUrl: string;

beforeAll(async () => {
  buildCliIfStale();
  server = await startClickHouse();
  await loadFixture(server, 'logs', 'web', ROWS);
  const plain = new URL(server.url);
  // TLS in front of the engine's plain HTTP port, as a load balancer or ClickHouse's own https_port.
  proxy = tls.createServer(
    { key: fs.readFileSync(path.join(TLS_DIR, 'self-signed.key.pem')), cert: fs.readFileSync(CERT) },
    (client) => {
      const upstream = net.connect(Number(plain.port), plain.hostname);
      client.pipe(upstream).pipe(client);
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    },
  );
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  httpsUrl = `https://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await server?.stop();
});

/** The built CLI with the test server's password and any further environment. */
function vigil(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { encoding: 'utf8', env: { ...process.env, VIGIL_CLICKHOUSE_PASSWORD: server.password, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** `vigil source add fleet` for the proxied logs.web table (the temp folder's path has no space). */
const addArgs = (db: string) =>
  `source add fleet --clickhouse ${httpsUrl} --database logs --table web --db ${db}`.split(' ');

describe('a ClickHouse source over https', () => {
  it('is added, tested and pulled from when its certificate authority is trusted', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    const trusted = { NODE_EXTRA_CA_CERTS: CERT };
    const add = await vigil(trusted, ...addArgs(db));
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain(`Added source fleet: ${httpsUrl} logs.web (mapping vigil).`);
    const test = await vigil(trusted, 'source', 'test', 'fleet', '--json', '--db', db);
    expect(JSON.parse(test.stdout)).toMatchObject({ name: 'fleet', rows: ROWS.length });
    const pull = await vigil(
      trusted,
      ...['pull', '--source', 'fleet', '--from', String(T0), '--to', String(T0 + 48 * 3_600_000)],
      ...['--json', '--no-enrich', '--db', db],
    );
    expect(pull.stderr).toBe('');
    expect(JSON.parse(pull.stdout)).toMatchObject({
      status: 'done',
      matching: ROWS.length,
      counts: { stored: ROWS.length, quarantined: 0 },
    });
  });

  it('says the certificate is not trusted and how to trust it, and adds nothing', async () => {
    const db = path.join(tempDir(), 'vigil.db');
    const add = await vigil({ NODE_EXTRA_CA_CERTS: '' }, ...addArgs(db));
    expect(add.code).toBe(1);
    expect(add.stderr.trim()).toBe(
      `vigil: Cannot reach source "fleet" at ${httpsUrl} over TLS: its certificate is not signed by an authority this machine trusts (self-signed certificate). Start Vigil with NODE_EXTRA_CA_CERTS=FILE naming the PEM file of the authority that signed it.`,
    );
    const list = await vigil({}, 'source', 'list', '--json', '--db', db);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
