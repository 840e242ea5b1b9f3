// The app in Chromium on serve mode for the ClickHouse e2e tests: a 1600×1000 dark page, with the
// page's console errors and every failed API call (as the server said it) collected for the test
// to assert on.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { type FixtureRow, loadFixture } from '../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../helpers/clickhouse-server.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { ROOT, type ServeProcess, startServe } from './serve-process.js';

/** A throwaway server with `rows` in logs.web, and a workspace in a temp folder that has it as source `fleet`. */
export interface FleetWorkspace {
  dir: string;
  dbPath: string;
  server: ClickHouseServer;
  /** The environment the app and the CLI read the source's password from. */
  env: { VIGIL_TEST_CH_PASSWORD: string };
}

/** Starts the server, loads `rows` and adds the source with the CLI, as an analyst does. */
export async function fleetWorkspace(prefix: string, rows: FixtureRow[]): Promise<FleetWorkspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dbPath = path.join(dir, 'vigil.db');
  const server = await startClickHouse();
  const env = { VIGIL_TEST_CH_PASSWORD: server.password };
  await loadFixture(server, 'logs', 'web', rows);
  const add = ['source', 'add', 'fleet', '--clickhouse', server.url, '--database', 'logs', '--table', 'web'];
  await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'bin', 'vigil.js'), ...add, '--password-env', 'VIGIL_TEST_CH_PASSWORD', '--db', dbPath],
    { cwd: ROOT, env: { ...process.env, ...env } },
  );
  return { dir, dbPath, server, env };
}

export interface ClickHouseApp {
  browser: Browser;
  serve: ServeProcess;
  page: Page;
  pageErrors: string[];
  /** `/api/NAME: error` for every API call that failed. */
  failedCalls: string[];
  /** `/api/NAME` for every question the page cancelled itself (answered 499): none failed. */
  cancelledCalls: string[];
}

export async function openClickHouseApp(
  dbPath: string,
  env: Record<string, string>,
  options: { webgl?: boolean } = {},
): Promise<ClickHouseApp> {
  const [browser, serve] = await Promise.all([
    launchChromium(options),
    startServe(dbPath, ['--no-sample'], env),
  ]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  const page = await context.newPage();
  const pageErrors = collectPageErrors(page);
  const failedCalls: string[] = [];
  const cancelledCalls: string[] = [];
  page.on('response', async (response) => {
    if (response.ok() || !response.url().includes('/api/')) return;
    if (response.status() === 499) return void cancelledCalls.push(new URL(response.url()).pathname);
    const body = await response.json().catch(() => ({ error: response.statusText() }));
    failedCalls.push(`${new URL(response.url()).pathname}: ${body.error}`);
  });
  await page.goto(serve.url);
  return { browser, serve, page, pageErrors, failedCalls, cancelledCalls };
}

/**
 * Closes what a ClickHouse e2e file opened and resolves with serve mode's exit code. The engine
 * stops first: a question still running there would hold serve mode's shutdown.
 */
export async function closeClickHouseApp(parts: {
  browser?: Browser;
  server?: { stop(): Promise<unknown> };
  serve?: ServeProcess;
  dir?: string;
}): Promise<number | null | undefined> {
  await parts.browser?.close();
  await parts.server?.stop();
  const code = await parts.serve?.stop();
  if (parts.dir) fs.rmSync(parts.dir, { recursive: true, force: true });
  return code;
}
