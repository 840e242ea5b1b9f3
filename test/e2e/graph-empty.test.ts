// The empty graph in Debian Chromium through serve mode: with no filter there is nothing to widen,
// so it says there is no data; with a filter it says the filter matched no connection.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

let dir: string;
let browser: Browser;
let serve: ServeProcess;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-graph-empty-'));
  serve = await startServe(path.join(dir, 'empty.db'), ['--no-sample']);
  browser = await launchChromium({ webgl: true });
});

afterAll(async () => {
  await browser?.close();
  expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the empty graph', () => {
  it('says there is no data without a filter, and names the filter with one', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.goto(serve.url);
    await page.getByTestId('nav-graph').click();
    const empty = page.getByTestId('graph-empty');
    await empty.getByText('No data to draw yet.').waitFor();
    await page.getByTestId('filter-input').fill('country:US');
    await page.keyboard.press('Enter');
    await empty.getByText('No connections in this filter.').waitFor();
    expect(errors).toEqual([]);
  });
});
