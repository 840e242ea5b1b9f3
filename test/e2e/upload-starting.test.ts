import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

// In serve mode a file is sent, then the server starts its import. Once the bytes are gone the row
// said "Sending 100%" for as long as the server took: it says the file is sent and the import is
// starting, with a bar that does not claim a percentage, until the import's own job row takes over.
let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-upstart-'));
  [browser, serve] = await Promise.all([
    launchChromium(),
    startServe(path.join(dir, 'x.db'), ['--no-sample']),
  ]);
  page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-import').click();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an upload whose bytes are all sent', () => {
  it('says the file is sent and its import is starting, not 100 %, until the import job shows', async () => {
    const log = path.join(dir, 'one.log');
    fs.writeFileSync(
      log,
      '198.51.100.1 - - [25/Apr/2024:00:00:00 +0000] "GET /item?id=1 HTTP/1.1" 200 512 "-" "curl/8.0"\n',
    );
    // The server takes its time to start the import: held here until the row has been read.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/importFiles', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('file-input').setInputFiles(log);
    const row = page.locator('[data-testid="upload"]', { hasText: 'one.log' });
    await row.getByText('Sent; starting the import…').waitFor();
    expect(await row.getAttribute('data-state')).toBe('starting');
    expect(await row.textContent()).not.toMatch(/100\s*%/);
    // Indeterminate: the page cannot know how far the server is.
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull();
    // The file is the server's now: stopping it is the import job's Cancel, not an upload's.
    expect(await row.getByRole('button', { name: 'Cancel' }).count()).toBe(0);

    release();
    await page.locator('[data-testid="import-job"][data-state="done"]', { hasText: 'one.log' }).waitFor();
    await row.waitFor({ state: 'detached' });
    await page.unroute('**/api/importFiles');
    expect(pageErrors).toEqual([]);
  });
});
