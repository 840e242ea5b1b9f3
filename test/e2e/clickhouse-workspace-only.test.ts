// A filter term only the local workspace knows (sigma:, verdict:, level: …) while a ClickHouse source
// is chosen, in Debian Chromium against serve mode and a real throwaway clickhouse-server. The
// Overview, the Sessions table and the graph said the server's error with "Ask again", as if asking
// again could help; each now says which term the source cannot answer and what to do, asks the
// source nothing, offers no "Ask again", and its fixes work: removing the term from the filter
// answers the rest of it on the engine, and the local workspace keeps the whole filter.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRows } from '../helpers/clickhouse-fixture.js';
import type { ClickHouseServer } from '../helpers/clickhouse-server.js';
import {
  closeClickHouseApp,
  type FleetWorkspace,
  fleetWorkspace,
  openClickHouseApp,
} from './clickhouse-app.js';
import { UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, ROOT, type ServeProcess } from './serve-process.js';

const SHOTS = process.env.VIGIL_SHOTS_DIR ?? path.join(ROOT, 'test-results', 'screenshots');
const ROWS = fixtureRows(600, 9);
const US = ROWS.filter((row) => row.country === 'US').length;
let ENV: FleetWorkspace['env'];

let dir: string;
let dbPath: string;
let server: ClickHouseServer;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];
let failedCalls: string[];
/** Every source question the page asked (`/api/sourceOverview` …), in order. */
const asked: string[] = [];

const at = (hash: string) => `http://127.0.0.1:${serve.port}/#/${hash}`;
const kpi = async (id: string) => Number(await page.getByTestId(`kpi-${id}`).getAttribute('data-value'));

async function applyFilter(text: string): Promise<void> {
  await page.getByTestId('filter-input').fill(text);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

/** The refusal the banner shows, once it shows; and that it offers no "Ask again". */
async function refusal(): Promise<string> {
  const shown = page.getByTestId('remote-refused');
  await shown.waitFor(UNTIL_SHOWN);
  expect(await page.getByTestId('remote-retry').count()).toBe(0);
  expect(await page.getByText('Ask again').count()).toBe(0);
  return (await shown.getByTestId('remote-refused-message').textContent()) ?? '';
}

beforeAll(async () => {
  assertBuilt();
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ dir, dbPath, server, env: ENV } = await fleetWorkspace('vigil-e2e-ch-ws-only-', ROWS));
  ({ browser, serve, page, pageErrors, failedCalls } = await openClickHouseApp(dbPath, ENV));
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/api\/source(Overview|Sessions|GraphEdges)$/.test(pathname)) asked.push(pathname);
  });
}, 120_000);

afterAll(async () => {
  expect(await closeClickHouseApp({ browser, server, serve, dir })).toBe(0);
});

describe('a workspace-only term in the filter while a source is chosen', () => {
  it('the Overview names the term and what to do, asks nothing, and Remove answers the rest', async () => {
    await page.goto(at('overview'));
    await page.getByTestId('source-chooser').selectOption('fleet');
    await expect.poll(() => kpi('sessions'), UNTIL_SHOWN).toBe(ROWS.length);
    asked.length = 0;
    await applyFilter('country:US sigma:sql');
    expect(await refusal()).toBe(
      'sigma: is known only in the local workspace (detection rule hits): pull the rows first, then filter by sigma, or remove the term.',
    );
    // Nothing was computed, and no chart pretends the source holds no matching row.
    await page.getByTestId('remote-not-computed').waitFor();
    expect(await page.getByText('Nothing to show.').count()).toBe(0);
    expect(asked).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'ch-workspace-only-overview.png') });
    // One click takes the term out of the filter; the rest is the engine's again.
    await page.getByTestId('remote-remove-term').click();
    await expect.poll(() => page.getByTestId('filter-input').inputValue()).toBe('country:US');
    await expect.poll(() => kpi('sessions'), UNTIL_SHOWN).toBe(US);
    expect(await page.getByTestId('remote-refused').count()).toBe(0);
  });

  it('the Sessions table says so for verdict:, and Remove shows the rows', async () => {
    await page.goto(at('sessions'));
    const rows = `Rows 1–${Math.min(100, US)}`;
    await expect.poll(() => page.getByTestId('remote-page').textContent(), UNTIL_SHOWN).toBe(rows);
    asked.length = 0;
    await applyFilter('verdict:none country:US');
    expect(await refusal()).toBe(
      'verdict: is known only in the local workspace (models and verdicts): pull the rows first, then filter by verdict, or remove the term.',
    );
    expect(await page.getByTestId('remote-remove-term').textContent()).toBe(
      'Remove verdict: from the filter',
    );
    expect(asked).toEqual([]);
    await page.getByTestId('remote-remove-term').click();
    await expect.poll(() => page.getByTestId('remote-page').textContent(), UNTIL_SHOWN).toBe(rows);
    expect(await page.getByTestId('filter-input').inputValue()).toBe('country:US');
  });

  it('the graph says so for level:, draws the rest without it, and the local workspace keeps the whole filter', async () => {
    await page.goto(at('graph'));
    await expect
      .poll(() => page.getByTestId('graph-canvas').getAttribute('data-state'), UNTIL_SHOWN)
      .toBe('ready');
    asked.length = 0;
    await applyFilter('-level:>=high country:US');
    expect(await refusal()).toMatch(/^level: is known only in the local workspace \(detection rule hits\)/);
    // The drawing of the filter before is gone: it is not this filter's.
    expect(await page.getByTestId('graph-canvas').getAttribute('data-state')).toBe('error');
    await page.getByTestId('graph-not-drawn').waitFor();
    expect(await page.getByTestId('graph-canvas').getAttribute('data-nodes')).toBe('0');
    expect(asked).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'ch-workspace-only-graph.png') });
    // Without the term, the engine's graph of the rest is drawn again (kept from before: not asked).
    await page.getByTestId('remote-remove-term').click();
    await expect
      .poll(() => page.getByTestId('graph-canvas').getAttribute('data-state'), UNTIL_SHOWN)
      .toBe('ready');
    expect(Number(await page.getByTestId('graph-canvas').getAttribute('data-nodes'))).toBeGreaterThan(0);
    await applyFilter('-level:>=high country:US');
    await page.getByTestId('remote-refused').waitFor();
    await page.getByTestId('remote-refused-local').click();
    await expect.poll(() => page.getByTestId('source-chooser').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('remote-banner').count()).toBe(0);
    expect(await page.getByTestId('filter-input').inputValue()).toBe('-level:>=high country:US');
  });

  it('no API call failed and the page logged no error', () => {
    expect(failedCalls).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
