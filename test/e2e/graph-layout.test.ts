// The graph's layout in Debian Chromium through serve mode: at 5 000 edges it settles within a
// few seconds, and the same filter over the same data is drawn the same way on every visit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraphDatabase } from './graph-fixture.js';
import { canvasNumber, graphCanvas, layoutAtRest, openGraphSession, stageAtRest } from './graph-page.js';
import { differingPixels } from './pixel-diff.js';
import { assertBuilt, type ServeProcess } from './serve-process.js';

/**
 * The target is 3 s on an idle machine. E2E suites share the cores with other work: 5.3 s at a load
 * average of 23 on two cores, 10.6 s at 40 (one ForceAtlas2 step took 21 ms in Node at 23).
 */
const SETTLE_BOUND_MS = 15_000;

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-graph-layout-'));
  const dbPath = path.join(dir, 'graph.db');
  const fixture = await buildGraphDatabase(dir, dbPath);
  expect(fixture.pairs).toBeGreaterThan(5_000);
  ({ browser, serve, page, pageErrors } = await openGraphSession(dbPath));
});

afterAll(async () => {
  await browser?.close();
  const code = await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
});

/** The stage once drawn and at rest, the pointer off it (a hovered IP would light its edges). */
async function settledStage(): Promise<Buffer> {
  await page.mouse.move(0, 0);
  await page.locator('[data-testid="graph-canvas"][data-state="ready"][data-frames]').waitFor();
  await layoutAtRest(page);
  await stageAtRest(page);
  // Inside the stage's rounded border, whose corner pixels blend by a unit now and then. The legend
  // is hidden: the compositor blends its translucent, rounded box into the stage one or two units
  // apart along its edges from one identical redraw to the next (seen in 2 of 14), and it is not
  // the drawing this test compares; the nodes beneath it are.
  const box = (await graphCanvas(page).boundingBox())!;
  return page.screenshot({
    clip: { x: box.x + 4, y: box.y + 4, width: box.width - 8, height: box.height - 8 },
    style: '.graph-legend { visibility: hidden; }',
  });
}

describe('the graph layout', () => {
  it('settles at 5 000 edges within the bound (the figure is printed)', async () => {
    // When the stage became ready, and when the layout stopped after it: both seen in the page.
    await page.evaluate(() => {
      const times: { ready?: number; stopped?: number } = {};
      (window as { __layoutTimes?: typeof times }).__layoutTimes = times;
      new MutationObserver(() => {
        const canvas = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]');
        if (!canvas) return;
        if (
          times.ready === undefined &&
          canvas.dataset.state === 'ready' &&
          canvas.dataset.layout === 'running'
        )
          times.ready = performance.now();
        if (times.ready !== undefined && times.stopped === undefined && canvas.dataset.layout === 'stopped')
          times.stopped = performance.now();
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    await page.getByTestId('nav-graph').click();
    await page.locator('[data-testid="graph-canvas"][data-state="ready"]').waitFor();
    await layoutAtRest(page);
    expect(await canvasNumber(page, 'data-edges')).toBe(5_000);
    const times = await page.evaluate(
      () => (window as { __layoutTimes?: { ready?: number; stopped?: number } }).__layoutTimes!,
    );
    const settle = times.stopped! - times.ready!;
    console.log(
      `graph layout: 5 000 edges, ${await canvasNumber(page, 'data-nodes')} IPs settled in ${settle.toFixed(0)} ms` +
        ` (load average ${os.loadavg()[0]?.toFixed(1)})`,
    );
    expect(settle).toBeGreaterThan(0);
    expect(settle).toBeLessThan(SETTLE_BOUND_MS);
  });

  it('draws the same filter over the same data the same way on every visit', async () => {
    const first = await settledStage();
    // Another view and back: the graph view is built anew.
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('view-overview').waitFor();
    await page.getByTestId('nav-graph').click();
    const again = await settledStage();
    expect(await differingPixels(browser, first, again), 'another view and back').toBe(0);
    // Another filter and back, within the view.
    await page.getByTestId('filter-input').fill('country:US');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="graph-canvas"][data-state="ready"]').waitFor();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-edges')) < 5_000,
    );
    await layoutAtRest(page);
    await page.getByTestId('filter-input').fill('');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-edges')) === 5_000,
    );
    const back = await settledStage();
    expect(await differingPixels(browser, first, back), 'another filter and back').toBe(0);
  });

  it('logged no console error', () => {
    expect(pageErrors).toEqual([]);
  });
});
