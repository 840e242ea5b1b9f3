// No answer the page shows can miss a change: its questions wait for the event stream to open
// (src-renderer/api/http-events.ts). Debian Chromium against `vigil serve`: the stream is held back
// while a case is made behind the page's back (as the embedded sample once finished loading between
// the Overview's first answers and the stream's opening, leaving it at 0 sessions); once the stream
// opens, the Cases view lists the case. A stream that cannot open at all does not stop the page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

let dir: string;
let browser: Browser;
let context: BrowserContext;
let serve: ServeProcess;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-events-first-'));
  serve = await startServe(path.join(dir, 'empty.db'), ['--no-sample']);
  browser = await launchChromium();
  // One context for both pages: the link's token is good once, then the context's cookie is the key.
  context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page) };
}

/** Makes a case with the context's session, outside any page, as another tab of the analyst's would. */
async function makeCaseBehindThePage(title: string): Promise<number> {
  const origin = new URL(serve.url).origin;
  const made = await context.request.post(`${origin}/api/createCase`, {
    headers: { Origin: origin },
    data: { title },
  });
  return made.status();
}

describe('the page and the event stream', () => {
  it('asks nothing before the stream is open, so a change made meanwhile is in the first answer', async () => {
    const { page, errors } = await openPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const asked: string[] = [];
    page.on('request', (request) => {
      const name = /\/api\/(\w+)$/.exec(request.url())?.[1];
      if (name && name !== 'events') asked.push(name);
    });
    await page.route('**/api/events', async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${serve.url}#/cases`);
    await page.getByTestId('view-cases').waitFor();
    // Time enough for the Cases view's first answer, had it asked before the stream opened.
    await page.waitForTimeout(1_500);
    expect(await makeCaseBehindThePage('Made while the stream was held')).toBe(200);
    release();
    const list = page.getByTestId('case-list');
    await expect
      .poll(() => list.textContent(), { timeout: 15_000 })
      .toContain('Made while the stream was held');
    expect(asked).toContain('listCases');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks anyway when the stream cannot open', async () => {
    const { page } = await openPage();
    expect(await makeCaseBehindThePage('Made before a page without a stream')).toBe(200);
    await page.route('**/api/events', (route: Route) => route.abort());
    await page.goto(`${new URL(serve.url).origin}/#/cases`);
    await expect
      .poll(() => page.getByTestId('case-list').textContent(), { timeout: 15_000 })
      .toContain('Made before a page without a stream');
    await page.close();
  });
});
