// The Cases view's list filter in Debian Chromium against `vigil serve`: choosing a status or a tag
// narrows the list and is written into the address, a case opened from the narrowed list keeps it,
// Back undoes one choice at a time, and a reload keeps the list as it was. Before, the two selects
// were the page's own state: Back left the view and a reload showed every case again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, type ServeProcess, signInAt, startServe, vigilCli } from './serve-process.js';

let dir: string;
let db: string;
let browser: Browser;
/** One context for both tests: a serve link signs in one browser context. */
let context: BrowserContext;
let serve: ServeProcess;

const vigil = (...args: string[]) => vigilCli(...args, '--db', db);

const listed = async (page: Page) =>
  (await page.getByTestId('case-list').locator('li strong').allTextContents()).sort();
/** The list once it shows exactly `titles` (in any order): the list answers after the address moves. */
async function waitForList(page: Page, titles: string[]): Promise<string[]> {
  const want = [...titles].sort();
  await expect.poll(() => listed(page), { timeout: 10_000 }).toEqual(want);
  return want;
}
/** A new page of the signed-in context, at `hash`. */
async function openAt(hash: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInAt(page, serve.url, hash);
  return { page, errors };
}
const hashOf = (page: Page) => page.evaluate(() => window.location.hash);

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-case-list-'));
  db = path.join(dir, 'cases.db');
  const csv = path.join(dir, 'traffic.csv');
  vigilCli('generate', '--rows', '300', '--seed', '3', '--days', '1', '--out', csv);
  vigil('ingest', csv, '--no-enrich');
  vigil('case', 'create', '--title', 'Open scanner');
  vigil('case', 'tag', '1', 'scanner');
  vigil('case', 'create', '--title', 'Closed scanner');
  vigil('case', 'tag', '2', 'scanner');
  vigil('case', 'update', '2', '--status', 'closed');
  vigil('case', 'create', '--title', 'Closed phishing');
  vigil('case', 'tag', '3', 'phishing');
  vigil('case', 'update', '3', '--status', 'closed');
  serve = await startServe(db, ['--no-sample']);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  expect(await serve?.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the case list filter', () => {
  it('is in the address: a case opened from it keeps it, Back undoes each choice, a reload keeps it', async () => {
    const { page, errors } = await openAt('#/cases');
    await waitForList(page, ['Open scanner', 'Closed scanner', 'Closed phishing']);

    await page.getByTestId('case-status-filter').selectOption('closed');
    await waitForList(page, ['Closed scanner', 'Closed phishing']);
    expect(await hashOf(page)).toBe('#/cases?status=closed');

    await page.getByTestId('case-tag-filter').selectOption('scanner');
    await waitForList(page, ['Closed scanner']);
    expect(await hashOf(page)).toBe('#/cases?status=closed&tag=scanner');

    // A case opened from the narrowed list: the list beside it stays narrowed.
    await page.getByTestId('case-list').getByText('Closed scanner').click();
    await page.getByTestId('case-title').getByText('Closed scanner').waitFor();
    expect(await hashOf(page)).toBe('#/cases/2?status=closed&tag=scanner');
    await waitForList(page, ['Closed scanner']);

    // A reload keeps the case and the list's filter, the selects saying which.
    await page.reload();
    await page.getByTestId('case-title').getByText('Closed scanner').waitFor();
    await waitForList(page, ['Closed scanner']);
    expect(await page.getByTestId('case-status-filter').inputValue()).toBe('closed');
    expect(await page.getByTestId('case-tag-filter').inputValue()).toBe('scanner');

    // Back: the case, then the tag, then the status, one step each.
    await page.goBack();
    await expect.poll(() => hashOf(page)).toBe('#/cases?status=closed&tag=scanner');
    await page.goBack();
    await expect.poll(() => hashOf(page)).toBe('#/cases?status=closed');
    await waitForList(page, ['Closed scanner', 'Closed phishing']);
    expect(await page.getByTestId('case-tag-filter').inputValue()).toBe('');
    await page.goBack();
    await expect.poll(() => hashOf(page)).toBe('#/cases');
    await waitForList(page, ['Open scanner', 'Closed scanner', 'Closed phishing']);
    expect(await page.getByTestId('case-status-filter').inputValue()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays beside the new-case form, and Cancel goes back to the list so filtered', async () => {
    const { page, errors } = await openAt('#/cases?status=closed');
    await waitForList(page, ['Closed scanner', 'Closed phishing']);
    await page.getByTestId('case-new-link').click();
    await expect.poll(() => hashOf(page)).toBe('#/cases/new?status=closed');
    await page.getByRole('link', { name: 'Cancel' }).waitFor();
    await waitForList(page, ['Closed scanner', 'Closed phishing']);
    await page.getByRole('link', { name: 'Cancel' }).click();
    await expect.poll(() => hashOf(page)).toBe('#/cases?status=closed');
    await waitForList(page, ['Closed scanner', 'Closed phishing']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says no case matches a tag no case has, and shows that tag in its select', async () => {
    const { page, errors } = await openAt('#/cases?tag=no-such-tag');
    await page.getByText('No case matches.').waitFor();
    expect(await listed(page)).toEqual([]);
    await expect.poll(() => page.getByTestId('case-tag-filter').inputValue()).toBe('no-such-tag');
    expect(errors).toEqual([]);
    await page.close();
  });
});
