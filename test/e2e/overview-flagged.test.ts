import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../../src-shared/count-words.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { kpi, sessionsChangedFrom, waitForCharts } from './overview-page.js';
import { UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, ROOT, type ServeProcess, scoredFlowsDb, startServe } from './serve-process.js';

const SHOTS = process.env.VIGIL_SHOTS ?? path.join(ROOT, 'test-results', 'screenshots');
const _CLI = path.join(ROOT, 'bin', 'vigil.js');

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];

/** Pixels of a chart's canvas in the theme's red (--danger), which only flagged marks use. */
function redPixels(chart: Locator): Promise<number> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--danger').trim();
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let red = 0;
      for (let i = 0; i < data.length; i += 4)
        if (Math.abs(data[i]! - r!) < 8 && Math.abs(data[i + 1]! - g!) < 8 && Math.abs(data[i + 2]! - b!) < 8)
          red++;
      return red;
    });
}

/** A hash of the canvas, to tell that a chart was drawn differently. */
function canvasDigest(chart: Locator): Promise<string> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL());
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-overview-flagged-'));
  const db = scoredFlowsDb(dir, 'o.db', { rows: 6000, seed: 5, days: 3, attackRate: 0.06 });
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
  serve = await startServe(db, ['--no-sample']);
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  errors = collectPageErrors(page);
  await page.goto(serve.url);
  await waitForCharts(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Overview distributions and stacked bars', () => {
  it('overlays the flagged sessions on the histograms, counted as the Flagged tile counts them', async () => {
    const histogram = page.getByTestId('chart-hist-bytesIn');
    expect(await redPixels(histogram)).toBe(0);
    await page.getByTestId('hist-overlay-flagged').check();
    const flagged = await kpi(page, 'flagged');
    expect(flagged).toBeGreaterThan(0);
    await page
      .getByTestId('hist-overlay-status')
      .getByText(`${formatCount(flagged)} flagged sessions in red`)
      .waitFor();
    await waitForCharts(page);
    for (const id of ['chart-hist-bytesIn', 'chart-hist-bytesOut', 'chart-hist-durationMs'])
      expect(await redPixels(page.getByTestId(id)), id).toBeGreaterThan(50);
    // The overlay names the detection set it draws.
    expect(
      await page.locator('label', { has: page.getByTestId('hist-overlay-flagged') }).textContent(),
    ).toMatch(/^ Overlay flagged sessions \(by iforest #1/);
    // A bin's tooltip gives its flagged sessions and their share of it.
    const box = (await histogram.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.6);
    const tooltip = histogram.locator('div', { hasText: /flagged: .*\(.*%\)/ }).last();
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/sessions: [\d,]+.*flagged: [\d,]+ \((<0\.1|[\d.]+) %\)/s);
    await histogram.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'overview-flagged-overlay.png') });
  }, 60_000);

  it("pivots a click on a country's Flagged segment to that country and flagged:yes, the count it showed", async () => {
    // The rows the chart draws (the busiest countries), as the page asked for them.
    const rows = await page.evaluate(async () => {
      const response = await fetch('/api/analyticsOverview', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: {} }),
      });
      const answer = (await response.json()) as {
        value: { countries: { rows: { country: string; sessions: number; flagged: number }[] } };
      };
      return answer.value.countries.rows.slice(0, 12);
    });
    const first = rows[0]!;
    expect(first.flagged).toBeGreaterThan(0);
    const chart = page.getByTestId('chart-flagged-country');
    await chart.scrollIntoViewIfNeeded();
    await waitForCharts(page);
    const before = await kpi(page, 'sessions');
    // The bottom of the first bar is its Flagged segment (grid: left 54, right 16, bottom 30).
    const box = (await chart.boundingBox())!;
    const plotWidth = box.width - 54 - 16;
    await page.mouse.click(box.x + 54 + plotWidth / rows.length / 2, box.y + box.height - 30 - 2);
    expect(await sessionsChangedFrom(page, before)).toBe(first.flagged);
    expect(await page.getByTestId('filter-input').inputValue()).toBe(`country:${first.country} flagged:yes`);
    expect(await kpi(page, 'flagged')).toBe(first.flagged);
    await waitForCharts(page);
    await page.getByTestId('filter-clear').click();
    await sessionsChangedFrom(page, first.flagged);
    await waitForCharts(page);
  }, 60_000);

  it('says once, naming the filter, that nothing matches it, and no chart blames the logs', async () => {
    const before = await kpi(page, 'sessions');
    await page.getByTestId('filter-input').fill('port:7 country:US');
    await page.getByTestId('filter-input').press('Enter');
    expect(await sessionsChangedFrom(page, before)).toBe(0);
    await waitForCharts(page);
    expect(await page.getByTestId('overview-no-match').textContent()).toBe(
      'No sessions match port:7 country:US over all time.',
    );
    // "No values recorded" says the logs lack the field; here the filter left no session.
    for (const id of ['chart-hist-bytesIn', 'chart-hist-bytesOut', 'chart-hist-durationMs'])
      expect(await page.getByTestId(id).textContent(), id).toBe('No sessions match.');
    expect(await page.getByTestId('chart-timeseries').textContent()).toBe('No sessions match.');
    await page.getByTestId('filter-clear').click();
    await sessionsChangedFrom(page, 0);
    expect(await page.getByTestId('overview-no-match').count()).toBe(0);
    await waitForCharts(page);
  }, 60_000);

  it('draws the detection-type stacks on a log scale when asked', async () => {
    const chart = page.getByTestId('chart-type-country');
    await chart.scrollIntoViewIfNeeded();
    const linear = await canvasDigest(chart);
    await page.getByTestId('chart-type-country-log').check();
    await waitForCharts(page);
    await expect.poll(() => canvasDigest(chart), UNTIL_SHOWN).not.toBe(linear);
    await page.screenshot({ path: path.join(SHOTS, 'overview-stacks-log.png') });
    await page.getByTestId('chart-type-country-log').uncheck();
    await waitForCharts(page);
    await expect.poll(() => canvasDigest(chart), UNTIL_SHOWN).toBe(linear);
    expect(errors).toEqual([]);
  }, 60_000);
});
