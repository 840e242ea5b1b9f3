// The open session's row is brought into view, in Chromium through serve mode on a generated
// workspace of 3 000 requests: after a reload, and when a link opens a session, the virtual table
// scrolls to the open row and marks it, as a mail client shows the open message in its list. The
// table used to stay at the top: the drawer showed a session whose row the analyst had to hunt
// for among thousands. Under any sort (bytes out here) the row is found as in time order, however
// far down the table it is: it used to be found only among the rows loaded so far.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe, vigilCli } from './serve-process.js';

const ROWS = 3000;
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-open-row-'));
  const log = path.join(dir, 'a.log');
  const db = path.join(dir, 'x.db');
  vigilCli('generate', '--format', 'combined', '--rows', String(ROWS), '--seed', '3', '--out', log);
  vigilCli('ingest', '--db', db, '--no-enrich', log);
  [browser, serve] = await Promise.all([launchChromium(), startServe(db, ['--no-sample'])]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-sessions').click();
  await page.locator(`[data-testid="sessions-total"][data-total="${ROWS}"]`).waitFor({ timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const hash = () => page.evaluate(() => decodeURIComponent(window.location.hash));

/** Whether the row of session `id` is drawn wholly inside the table's frame, below its header. */
async function rowInView(id: string): Promise<boolean> {
  const row = page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);
  if ((await row.count()) === 0) return false;
  const box = await row.boundingBox();
  const frame = await page.getByTestId('sessions-table').boundingBox();
  const head = await page.locator('[data-testid="sessions-table"] thead').boundingBox();
  if (!box || !frame || !head) return false;
  return box.y >= head.y + head.height - 1 && box.y + box.height <= frame.y + frame.height + 1;
}

/** Follows a link to `target` from another view, as a pivot or a pasted address does. */
async function followLink(target: string): Promise<void> {
  await page.getByTestId('nav-overview').click();
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, target);
}

const drawerOf = (id: string) => page.locator(`[data-testid="session-drawer"][data-session-id="${id}"]`);

/** Waits until the drawer shows session `id` and the table has its row in view; returns the row. */
async function openRowShown(id: string) {
  await drawerOf(id).waitFor({ timeout: 30_000 });
  await expect.poll(() => rowInView(id), { timeout: 10_000 }).toBe(true);
  const row = page.locator(`[data-testid="session-row"][data-session-id="${id}"]`);
  // The row the table went to is the open session's, to the row: it is the active one, and marked.
  expect(await row.getAttribute('aria-selected')).toBe('true');
  expect(await row.getAttribute('data-open')).toBe('true');
  return row;
}

/** The row is in the middle of the frame below its header (one row high), with rows on both sides. */
async function expectCentred(row: Locator): Promise<void> {
  const box = (await row.boundingBox())!;
  const frame = (await page.getByTestId('sessions-table').boundingBox())!;
  expect(
    Math.abs(box.y + box.height / 2 - (frame.y + box.height + (frame.height - box.height) / 2)),
  ).toBeLessThan(box.height);
}

/** Enter on the active row, once it is loaded (a row still "Loading…" opens nothing). */
async function openActiveRow(): Promise<void> {
  await page.locator('#sessions-active-cell').waitFor();
  await page.keyboard.press('Enter');
}

/** Opens the row `fromEnd` rows above the table's last (Ctrl+End, then up), returns its id. */
async function openNearEnd(fromEnd: number): Promise<string> {
  await page.getByTestId('sessions-table-grid').focus();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < fromEnd; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  await openActiveRow();
  const drawer = page.getByTestId('session-drawer');
  await drawer.waitFor();
  const id = (await drawer.getAttribute('data-session-id'))!;
  await expect.poll(hash).toContain(`open=${id}`);
  return id;
}

describe('the open session in the Sessions table', () => {
  it('is scrolled into view and marked after a reload', async () => {
    const id = await openNearEnd(40);
    expect(await rowInView(id)).toBe(true);
    await page.reload();
    await expectCentred(await openRowShown(id));
    await page.screenshot({ path: path.join(SHOTS, 'sessions-open-row.png') });
  });

  it('is scrolled into view when a link inside the app opens it', async () => {
    // A session 225 rows down, newest first: past the first block of rows the table loads (200).
    await page.getByTestId('drawer-close').click();
    await page.getByTestId('sessions-table-grid').focus();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 15; i++) await page.keyboard.press('PageDown');
    await openActiveRow();
    const id = (await page.getByTestId('session-drawer').getAttribute('data-session-id'))!;
    await expect.poll(hash).toContain(`open=${id}`);
    const link = await hash();
    await page.getByTestId('drawer-close').click();
    await followLink(link);
    await openRowShown(id);
  });

  it('says so when a link opens a session its filter excludes', async () => {
    const link = (await hash()).replace('#/sessions?', '#/sessions?q=src:192.0.2.1&');
    await followLink(link);
    const notice = page.getByTestId('open-row-notice');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/does not match this filter/);
    await page.screenshot({ path: path.join(SHOTS, 'sessions-open-row-notice.png') });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.getByTestId('filter-input').fill('');
    await page.getByTestId('filter-input').press('Enter');
    await page.locator(`[data-testid="sessions-total"][data-total="${ROWS}"]`).waitFor();
  });

  it('is scrolled into view under another sort, from a link to a session far down the table', async () => {
    if ((await page.getByTestId('drawer-close').count()) > 0) await page.getByTestId('drawer-close').click();
    await page.getByTestId('sort-bytesOut').click();
    await page.locator('th[aria-sort="ascending"] [data-testid="sort-bytesOut"]').waitFor();
    // About 2 960 rows down: far past the rows the table loads first (a block of 200 at the top).
    const id = await openNearEnd(40);
    const link = await hash();
    expect(link).toContain('sort=bytesOut');
    await page.getByTestId('drawer-close').click();
    await followLink(link);
    await expectCentred(await openRowShown(id));
    expect(await page.getByTestId('open-row-notice').count()).toBe(0);
    await page.reload();
    await expectCentred(await openRowShown(id));
    await page.screenshot({ path: path.join(SHOTS, 'sessions-open-row-sorted.png') });
    expect(pageErrors).toEqual([]);
  });
});
