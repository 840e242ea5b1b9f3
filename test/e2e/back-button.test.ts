// The browser's Back button steps back through what the analyst did in the app, in Chromium through
// serve mode on a scored database: a session opened from Sessions (and read down to "Why flagged")
// closes again, a filter applied after another comes back, and the Overview comes back as it was
// before a chart click narrowed the filter. Opening a session and applying a filter used to write
// over the address in place: one Back skipped all of it and the next left the app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { waitForCharts } from './overview-page.js';
import { assertBuilt, ROOT, type ServeProcess, scoredFlowsDb, startServe } from './serve-process.js';

const SHOTS = process.env.VIGIL_SHOTS ?? path.join(ROOT, 'test-results', 'screenshots');

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-back-'));
  const db = scoredFlowsDb(dir, 'b.db', { rows: 1500, seed: 5, days: 2, attackRate: 0.08 });
  fs.mkdirSync(SHOTS, { recursive: true });
  [browser, serve] = await Promise.all([launchChromium(), startServe(db, ['--no-sample'])]);
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  errors = collectPageErrors(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const view = () => page.locator('nav a[aria-current="page"]').textContent();
const filterText = () => page.getByTestId('filter-input').inputValue();
/** The open session's id, or null with the drawer closed. */
const drawer = () =>
  page.evaluate(
    () => document.querySelector<HTMLElement>('[data-testid="session-drawer"]')?.dataset.sessionId ?? null,
  );
const back = () => page.goBack({ waitUntil: 'commit' });

/** Signs in (the token link, redirected to the Overview) and goes to Sessions by the nav. */
async function startInSessions(): Promise<void> {
  await page.goto(serve.url);
  await page.getByTestId('nav-sessions').click();
  await page.getByTestId('session-row').first().waitFor({ timeout: 30_000 });
}

async function applyFilter(text: string): Promise<void> {
  const input = page.getByTestId('filter-input');
  await input.fill(text);
  await input.press('Enter');
  await expect
    .poll(() => page.evaluate(() => decodeURIComponent(window.location.hash)))
    .toContain(`q=${text}`);
}

/** Opens a flagged session's drawer and follows its Why flagged link; returns the session's id. */
async function openAndAskWhy(): Promise<string> {
  const row = page.locator('[data-testid="session-row"]').first();
  const id = (await row.getAttribute('data-session-id'))!;
  await row.locator('[data-col="startTs"]').click();
  await page.locator(`[data-testid="session-drawer"][data-session-id="${id}"]`).waitFor();
  await page.getByTestId('drawer-why').click();
  await page.getByTestId('drawer-scores').waitFor();
  return id;
}

/** Clicks the Flagged segment of the busiest country's bar (grid: left 54, right 16, bottom 30). */
async function clickFirstFlaggedBar(): Promise<void> {
  const bars = await page.evaluate(async () => {
    const response = await fetch('/api/analyticsOverview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filter: {} }),
    });
    return Math.min(
      12,
      ((await response.json()) as { value: { countries: { rows: unknown[] } } }).value.countries.rows.length,
    );
  });
  const chart = page.getByTestId('chart-flagged-country');
  await chart.scrollIntoViewIfNeeded();
  await waitForCharts(page);
  const box = (await chart.boundingBox())!;
  await page.mouse.click(box.x + 54 + (box.width - 70) / bars / 2, box.y + box.height - 30 - 2);
}

describe('Back', () => {
  it('closes a session opened from Sessions (read down to Why flagged), then goes back to the Overview', async () => {
    await startInSessions();
    await applyFilter('flagged:yes');
    await openAndAskWhy();
    await page.screenshot({ path: path.join(SHOTS, 'back-why-flagged-before.png') });

    await back();
    await expect.poll(drawer).toBeNull();
    expect(await view()).toBe('Sessions');
    expect(await filterText()).toBe('flagged:yes');
    await page.screenshot({ path: path.join(SHOTS, 'back-why-flagged-after.png') });

    await back();
    await expect.poll(filterText).toBe('');
    expect(await view()).toBe('Sessions');
    await back();
    await expect.poll(view).toBe('Overview');
    expect(errors).toEqual([]);
  }, 60_000);

  it('brings back the filter applied before the last one, with its open session', async () => {
    await startInSessions();
    await applyFilter('flagged:yes');
    const id = await openAndAskWhy();
    await applyFilter('flagged:no');
    await expect.poll(drawer).toBeNull();

    await back();
    await expect.poll(filterText).toBe('flagged:yes');
    await expect.poll(drawer).toBe(id);
    expect(await view()).toBe('Sessions');
    await page.screenshot({ path: path.join(SHOTS, 'back-filter-restored.png') });
    // Forward goes on to the later filter, the drawer closed as it was.
    await page.goForward({ waitUntil: 'commit' });
    await expect.poll(filterText).toBe('flagged:no');
    await expect.poll(drawer).toBeNull();
    expect(errors).toEqual([]);
  }, 60_000);

  it('goes from Sessions back to the Overview a chart click narrowed, then to the Overview before it', async () => {
    await page.goto(serve.url);
    await waitForCharts(page);
    await clickFirstFlaggedBar();
    await expect.poll(filterText).toMatch(/^country:[A-Z]{2} flagged:yes$/);
    const narrowed = await filterText();
    await page.getByTestId('nav-sessions').click();
    await openAndAskWhy();

    await back();
    await expect.poll(drawer).toBeNull();
    expect(await view()).toBe('Sessions');
    await back();
    await expect.poll(view).toBe('Overview');
    expect(await filterText()).toBe(narrowed);
    await back();
    await expect.poll(filterText).toBe('');
    expect(await view()).toBe('Overview');
    await waitForCharts(page);
    await page.screenshot({ path: path.join(SHOTS, 'back-overview-unfiltered.png') });
    expect(errors).toEqual([]);
  }, 60_000);

  // The Graph and Triage kept the filter out of their address: a filter applied there was no step
  // (Back went to the view before, the filter still applied) and a reload lost it.
  for (const [name, nav] of [
    ['Graph', 'nav-graph'],
    ['Triage', 'nav-triage'],
  ] as const)
    it(`steps back through filters applied in ${name}, and keeps the filter over a reload`, async () => {
      await page.goto(serve.url);
      await page.getByTestId(nav).click();
      await expect.poll(view).toBe(name);
      await applyFilter('flagged:yes');
      await applyFilter('flagged:no');

      await page.reload({ waitUntil: 'commit' });
      await expect.poll(filterText).toBe('flagged:no');
      expect(await view()).toBe(name);
      await back();
      await expect.poll(filterText).toBe('flagged:yes');
      expect(await view()).toBe(name);
      await back();
      await expect.poll(filterText).toBe('');
      expect(await view()).toBe(name);
      await back();
      await expect.poll(view).toBe('Overview');
      expect(errors).toEqual([]);
    }, 60_000);
});
