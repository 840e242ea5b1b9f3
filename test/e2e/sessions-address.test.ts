// The Sessions view's state survives a reload, in Chromium through serve mode on the embedded
// sample: the filter, the sort and the open session are in the address (`#/sessions?q=…&sort=…
// &open=…`), and reloading the page comes back to the same rows in the same order with the same
// drawer. The address used to drop its query once read: a reload showed every session, newest
// first, drawer closed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-sessions-address-'));
  // No --no-sample: the empty database gets the embedded sample (282 sessions, 113 from the US).
  [browser, serve] = await Promise.all([launchChromium(), startServe(path.join(dir, 'x.db'))]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-sessions').click();
  await page.locator('[data-testid="sessions-total"][data-total="282"]').waitFor({ timeout: 30_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowIds = () =>
  page.locator('[data-testid="session-row"]').evaluateAll((rows) => rows.map((row) => row.dataset.sessionId));
const hash = () => page.evaluate(() => decodeURIComponent(window.location.hash));

describe('Sessions address', () => {
  it('keeps the filter, the sort and the open session through a reload', async () => {
    const input = page.getByTestId('filter-input');
    await input.fill('country:US');
    await input.press('Enter');
    await page.locator('[data-testid="sessions-total"][data-total="113"]').waitFor();
    // Bytes out, largest first (ascending on the first click, descending on the second).
    await page.getByTestId('sort-bytesOut').click();
    await page.locator('th[aria-sort="ascending"] [data-testid="sort-bytesOut"]').waitFor();
    await page.getByTestId('sort-bytesOut').click();
    await page.locator('th[aria-sort="descending"] [data-testid="sort-bytesOut"]').waitFor();
    await expect.poll(async () => (await rowIds())[0]).toBeTruthy();
    const order = await rowIds();
    const third = page.getByTestId('session-row').nth(2);
    const id = await third.getAttribute('data-session-id');
    await third.locator('[data-col="startTs"]').click();
    await page.locator(`[data-testid="session-drawer"][data-session-id="${id}"]`).waitFor();
    await expect.poll(hash).toContain(`open=${id}`);
    expect(await hash()).toMatch(/^#\/sessions\?q=country:US&sort=bytesOut&dir=desc&open=\d+&at=\d+$/);

    await page.reload();
    await page.locator('[data-testid="sessions-total"][data-total="113"]').waitFor({ timeout: 30_000 });
    expect(await input.inputValue()).toBe('country:US');
    await page.locator('th[aria-sort="descending"] [data-testid="sort-bytesOut"]').waitFor();
    await expect.poll(async () => (await rowIds()).slice(0, order.length)).toEqual(order);
    await page.locator(`[data-testid="session-drawer"][data-session-id="${id}"]`).waitFor();
  });

  it('drops the open session from the address when the drawer closes', async () => {
    await page.getByTestId('drawer-close').click();
    await expect.poll(hash).toBe('#/sessions?q=country:US&sort=bytesOut&dir=desc');
    await page.reload();
    await page.locator('[data-testid="sessions-total"][data-total="113"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('session-row').first().waitFor();
    expect(await page.getByTestId('session-drawer').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
