// Pivots where the analyst is, in Chromium through serve mode on the 282-session sample: the table
// opens newest first, a refused sort says why in the page, a cell's menu filters a value out with
// -term:, and the drawer records a verdict and opens the source IP focused in the graph.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SAMPLE = path.join(ROOT, 'resources', 'samples', 'CloudWatch_Traffic_Web_Attack.csv');
// Screenshots for the README's Screens section: written beside the test results, and to the team's
// notes when that folder exists (the analyst-facing review looks there).
const SHOT_DIRS = [path.join(ROOT, 'test-results', 'screenshots'), '/work/notes/shots'].filter(
  (dir, i) => i === 0 || fs.existsSync(dir),
);

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];

const shoot = async (name: string) => {
  for (const shots of SHOT_DIRS) await page.screenshot({ path: path.join(shots, name) });
};

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-pivots-'));
  fs.mkdirSync(SHOT_DIRS[0]!, { recursive: true });
  [browser, serve] = await Promise.all([
    launchChromium(),
    startServe(path.join(dir, 'x.db'), ['--no-sample']),
  ]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-import').click();
  await page.getByTestId('file-input').setInputFiles(SAMPLE);
  await page.locator('[data-testid="import-progress"][data-state="done"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rows = () => page.getByTestId('session-row');
const total = async () => Number(await page.getByTestId('sessions-total').getAttribute('data-total'));

describe('pivots in Sessions', () => {
  it('opens newest first', async () => {
    await page.getByTestId('nav-sessions').click();
    await page.locator('[data-testid="sessions-total"][data-total="282"]').waitFor();
    await rows().first().waitFor();
    const times = await page.locator('[data-testid="session-row"] [data-col="startTs"]').allTextContents();
    expect(times.length).toBeGreaterThan(10);
    // "YYYY-MM-DD hh:mm:ss" sorts as text.
    expect(times).toEqual([...times].sort().reverse());
  });

  it('filters a value out from the cell menu with -term:', async () => {
    const cell = rows().first().locator('[data-col="srcIp"]');
    const ip = (await cell.textContent())!.trim();
    await cell.click({ button: 'right' });
    const menu = page.getByTestId('cell-menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Filter for this value',
      'Filter out this value',
      'Open IP in graph',
      'Copy',
    ]);
    await shoot('sessions-cell-menu.png');
    await menu.getByTestId('cell-filter-out').click();
    await expect.poll(() => page.getByTestId('filter-input').inputValue()).toBe(`-src:${ip}`);
    await expect.poll(total, { timeout: 10_000 }).toBeLessThan(282);
    expect(await total()).toBeGreaterThan(0);
    await rows().first().waitFor();
    const srcs = await page.locator('[data-testid="session-row"] [data-col="srcIp"]').allTextContents();
    expect(srcs.length).toBeGreaterThan(0);
    expect(srcs).not.toContain(ip);
  });

  it('records a verdict from the drawer and opens the source IP focused in the graph', async () => {
    const src = (await rows().first().locator('[data-col="srcIp"]').textContent())!.trim();
    await rows().first().locator('[data-col="srcIp"]').click();
    const drawer = page.getByTestId('session-drawer');
    await drawer.getByTestId('drawer-actions').waitFor();
    await drawer.getByTestId('drawer-verdict-malicious').click();
    await drawer.getByTestId('drawer-action-status').getByText('Marked malicious.').waitFor();
    await drawer.getByTestId('drawer-history').getByText('malicious').first().waitFor();
    await shoot('sessions-drawer-actions.png');
    await drawer.getByTestId('drawer-open-graph').click();
    await page.locator(`[data-testid="graph-canvas"][data-focused="${src}"]`).waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });
});
