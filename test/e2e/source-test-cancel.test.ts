// The Import view's Test of a source whose address accepts the connection and never answers (a
// firewall that holds it, a hung server): the Test waited for the client's 5-minute timeout with no
// way out. Now Cancel stops it: the check's query is given up (and killed on the engine when one
// is there), and the row says the test was cancelled, not that the source failed.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClickHouseApp, closeClickHouseApp, openClickHouseApp } from './clickhouse-app.js';
import { assertBuilt, vigilCli } from './serve-process.js';

let app: ClickHouseApp;
let dir: string;
let silent: net.Server;
const held: net.Socket[] = [];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-test-cancel-'));
  silent = net.createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  const db = path.join(dir, 'vigil.db');
  vigilCli(
    'source',
    'add',
    'silent',
    '--clickhouse',
    url,
    '--database',
    'logs',
    '--table',
    'web',
    '--no-check',
    '--db',
    db,
  );
  app = await openClickHouseApp(db, { VIGIL_CLICKHOUSE_PASSWORD: 'unused' });
}, 60_000);

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  expect(await closeClickHouseApp({ browser: app?.browser, serve: app?.serve, dir })).toBe(0);
});

describe('Test of a source that never answers', () => {
  it('can be cancelled, and then says so rather than reporting a failure', async () => {
    const { page, serve } = app;
    await page.goto(`http://127.0.0.1:${serve.port}/#/import`);
    const row = page.getByTestId('source-silent');
    await row.getByTestId('source-test').click();
    await expect.poll(() => row.getByTestId('source-test-result').textContent()).toBe('Testing…');
    await row.getByTestId('source-test-cancel').click();
    // The cancel tries to KILL the query on the engine for up to 10 s before giving the request up.
    await expect
      .poll(() => row.getByTestId('source-test-result').textContent(), { timeout: 20_000 })
      .toBe('Test cancelled.');
    expect(await row.getByTestId('source-test').isEnabled()).toBe(true);
    // Cancel became Test in place: the keyboard stays where it was.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'source-test',
    );
    // The cancelled call answers 499 (the page gave it up), as the remote views' cancelled
    // questions do (clickhouse-source.test.ts); nothing failed, and the page logged no error.
    expect(app.cancelledCalls).toEqual(['/api/testSource']);
    expect(app.failedCalls).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  }, 60_000);
});
