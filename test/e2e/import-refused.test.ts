import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

// A file whose format is not recognised was only a live job: after a restart the Import view had no
// trace that it was tried. It is an import of its own now, failed with its reason, in the list.
let dir: string;
let db: string;
let browser: Browser;
let serve: ServeProcess | undefined;
let pageErrors: string[] = [];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-refused-'));
  db = path.join(dir, 'x.db');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function importView(): Promise<Page> {
  serve = await startServe(db, ['--no-sample']);
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-import').click();
  return page;
}

describe('a file the import refused', () => {
  it('stays in the Imports list as failed, with its reason, after the app restarts', async () => {
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'nothing Vigil can read\nsecond line of prose\n');
    const first = await importView();
    await first.getByTestId('file-input').setInputFiles(notes);
    await first
      .locator('[data-testid="import-job"][data-state="failed"]', { hasText: 'notes.txt' })
      .waitFor();
    expect(pageErrors).toEqual([]);
    await first.context().close();
    await serve?.stop();

    const page = await importView();
    const row = page.getByTestId('imports-table').locator('tr', { hasText: 'notes.txt' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[2]).toBe('—');
    expect(cells[3]).toBe('failed');
    // When it was tried: the list's Started (UTC) column, as for any import.
    expect(cells.at(-1)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d/);
    await row
      .getByText(
        'Could not recognise the format of notes.txt: choose its format or mapping preset under Import as',
      )
      .waitFor();
    expect(await page.getByTestId('import-job').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
