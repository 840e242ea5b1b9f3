// The Sessions table by keyboard alone, in Chromium through serve mode on the embedded sample:
// arrows move the active row, Enter opens the drawer (focus goes into it), and closing it (Escape
// or ✕) gives the focus back to the table on the same row, so the next arrow key moves on from
// there. It fell to the page's body, and the arrows did nothing until the analyst clicked again.
// Escape also closes the drawer when the focus is in the table; it did nothing there.
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-sessions-keys-'));
  // No --no-sample: the empty database gets the embedded sample (282 sessions).
  [browser, serve] = await Promise.all([launchChromium(), startServe(path.join(dir, 'x.db'))]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-sessions').click();
  await page.locator('[data-testid="sessions-total"][data-total="282"]').waitFor({ timeout: 30_000 });
  await page.getByTestId('session-row').first().waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The active row's place (aria-rowindex: the header is 1, the first row 2). */
const activeRow = () =>
  page.locator('[data-testid="session-row"][aria-selected="true"]').getAttribute('aria-rowindex');
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('Sessions by keyboard', () => {
  it('gives the focus back to the table on the same row when Escape closes the drawer', async () => {
    await page.getByTestId('sessions-table-grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeRow).toBe('4');
    const id = await page
      .locator('[data-testid="session-row"][aria-selected="true"]')
      .getAttribute('data-session-id');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="session-drawer"][data-session-id="${id}"]`).waitFor();
    await expect.poll(focused).toBe('drawer-close');

    await page.keyboard.press('Escape');
    await page.getByTestId('session-drawer').waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('sessions-table-grid');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeRow).toBe('5');
  });

  it('does the same when the close button closes it', async () => {
    await page.keyboard.press('Enter');
    await page.getByTestId('session-drawer').waitFor();
    await page.getByTestId('drawer-close').click();
    await page.getByTestId('session-drawer').waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('sessions-table-grid');
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeRow).toBe('4');
  });

  it('closes the drawer with Escape when the focus is in the table', async () => {
    // A click opens the drawer (the focus goes into it); a second click on the same row puts the
    // focus back in the table, where Escape did nothing.
    const row = page.locator('[data-testid="session-row"][aria-rowindex="4"]');
    await row.locator('[data-col="srcIp"]').click();
    await page.getByTestId('session-drawer').waitFor();
    await row.locator('[data-col="startTs"]').click();
    await expect.poll(focused).toBe('sessions-table-grid');
    await page.keyboard.press('Escape');
    await page.getByTestId('session-drawer').waitFor({ state: 'detached' });
    await expect.poll(focused).toBe('sessions-table-grid');
    expect(pageErrors).toEqual([]);
  });
});
