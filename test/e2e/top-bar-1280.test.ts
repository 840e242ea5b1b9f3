// The top bar at a laptop's 1280 px with the default detection set (rules): the data chooser, time
// range, filter, Flagged by, shortcuts and theme all sit on one line, in every view that shows the
// filter. The filter box gives up width first; it wrapped the theme button to a line of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

let dir: string;
let browser: Browser;
let serve: ServeProcess;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-topbar-'));
  [browser, serve] = await Promise.all([launchChromium(), startServe(path.join(dir, 'sample.db'))]);
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the top bar at 1280 px', () => {
  it('keeps every control on one line in the views that show the filter', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectPageErrors(page);
    await page.goto(serve.url);
    for (const view of ['overview', 'sessions', 'graph', 'triage']) {
      await page.getByTestId(`nav-${view}`).click();
      await page.getByTestId('filter-input').waitFor(UNTIL_SHOWN);
      // Its longest state: the summary of what flags, once the detection choices have loaded.
      await expect
        .poll(() => page.getByTestId('detection-summary').textContent(), UNTIL_SHOWN)
        .toMatch(/rules/);
      const tops = await page
        .locator('.topbar > *')
        .evaluateAll((all) => all.map((item) => Math.round(item.getBoundingClientRect().top)));
      expect(new Set(tops).size, `${view}: ${tops.join(', ')}`).toBe(1);
    }
    expect(errors).toEqual([]);
  });
});
