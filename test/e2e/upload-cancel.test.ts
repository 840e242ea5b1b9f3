import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

// In serve mode a file is sent before it is imported; a big one takes a while, and the analyst
// who dropped the wrong file must be able to stop it (and the files queued behind it).
let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];

const line = (i: number) =>
  `198.51.100.${i % 250} - - [25/Apr/2024:00:00:00 +0000] "GET /item?id=${i} HTTP/1.1" 200 512 "-" "curl/8.0"\n`;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-upcancel-'));
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

describe('cancelling an upload', () => {
  it('stops the file being sent and the ones queued behind it; nothing of them is imported', async () => {
    const big = path.join(dir, 'big.log');
    fs.writeFileSync(big, Array.from({ length: 20_000 }, (_, i) => line(i)).join(''));
    const next = path.join(dir, 'next.log');
    fs.writeFileSync(next, line(1));
    // Slow the sending down (about 1.7 MB at 128 KB/s) so there is time to cancel it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 128 * 1024,
    });
    await page.getByTestId('file-input').setInputFiles([big, next]);
    const sending = page.locator('[data-testid="upload"]', { hasText: 'big.log' });
    const waiting = page.locator('[data-testid="upload"]', { hasText: 'next.log' });
    // The queued file first: once big.log stops, next.log (one line) is sent and imported at once,
    // faster than a second click can land on a loaded machine.
    await waiting.getByRole('button', { name: 'Cancel' }).click();
    await sending.getByRole('button', { name: 'Cancel' }).click();
    await sending.getByText('Upload cancelled; nothing of big.log was imported.').waitFor();
    await waiting.getByText('Upload cancelled; nothing of next.log was imported.').waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    // Nothing was imported, and no job was started for either file.
    await page.waitForTimeout(500);
    expect(await page.getByTestId('import-job').count()).toBe(0);
    await page.getByText('Nothing imported yet.').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
