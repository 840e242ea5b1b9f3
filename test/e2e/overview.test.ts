import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import {
  brushTimeSeries,
  CHARTS,
  clickFirstBar,
  fullShot,
  kpi,
  paintedPixels,
  sessionsChangedFrom,
  waitForCharts,
} from './overview-page.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const CLI = path.join(ROOT, 'bin', 'vigil.js');
const HEADER =
  'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types';
const PAYLOAD = '<img src=x onerror="window.__pwned=1">';

let dir: string;
let browser: Browser;
const serves: ServeProcess[] = [];

function vigil(...args: string[]): void {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigil ${args.join(' ')} failed: ${run.stderr}`);
}

async function open(dbName: string, extra: string[] = [], colorScheme: 'dark' | 'light' = 'dark') {
  const serve = await startServe(path.join(dir, dbName), extra);
  serves.push(serve);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  return { page, errors };
}

async function expectChartsDrawn(page: Page): Promise<void> {
  await waitForCharts(page);
  for (const id of CHARTS) {
    const chart = page.getByTestId(id);
    expect(await chart.getAttribute('data-state'), id).toBe('ready');
    expect(await paintedPixels(chart), id).toBeGreaterThan(500);
  }
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-overview-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const serve of serves) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Overview on the embedded sample', () => {
  let page: Page;
  let errors: string[];

  it('starts on a friendly page when the database is empty, and loads the sample from it', async () => {
    ({ page, errors } = await open('sample.db', ['--no-sample']));
    await page.getByTestId('start-page').waitFor();
    await page.getByTestId('start-load-sample').click();
    await page.locator('[data-testid="kpi-sessions"][data-value="282"]').waitFor();
    await expectChartsDrawn(page);
    // No model yet: what flags is the detection set's rule level, and the tile says so.
    expect(await page.getByTestId('kpi-flagged').textContent()).toContain('by rules ≥ high');
    await fullShot(page, path.join(SHOTS, 'overview-dark.png'));
  });

  it('keeps the app in the window: nothing hidden sticks out and lets the page scroll away', async () => {
    // A visually hidden legend positioned against the page once made it 3 000 px tall, so a wheel
    // over the Overview scrolled the whole app off the screen.
    const page_ = await page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      height: window.innerHeight,
      width: window.innerWidth,
    }));
    expect(page_.scrollHeight).toBeLessThanOrEqual(page_.height);
    expect(page_.scrollWidth).toBeLessThanOrEqual(page_.width);
  });

  it('narrows to a country when a stacked-bar segment is clicked', async () => {
    const before = await kpi(page, 'sessions');
    await clickFirstBar(page, 'chart-type-country', 7);
    const after = await sessionsChangedFrom(page, before);
    expect(after).toBeLessThan(before);
    expect(await page.getByTestId('filter-input').inputValue()).toMatch(/^country:[A-Z]{2} type:waf_rule$/);
    await waitForCharts(page);
    await page.getByTestId('filter-clear').click();
    await sessionsChangedFrom(page, after);
  });

  it('narrows the time range when the time series is brushed', async () => {
    await waitForCharts(page);
    const before = await kpi(page, 'sessions');
    await brushTimeSeries(page, 0.05, 0.3);
    await page.getByTestId('time-range-text').waitFor();
    const after = await sessionsChangedFrom(page, before);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    // The range's dates wrap under its menu: the filter box keeps room for a term or two.
    const box = await page.getByTestId('filter-input').boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(320);
    await waitForCharts(page);
    await page.getByTestId('time-range-clear').click();
    await sessionsChangedFrom(page, after);
  });

  it('focuses the filter with / and lists shortcuts with ?', async () => {
    const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await blur();
    await page.keyboard.press('/');
    expect(await page.getByTestId('filter-input').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('sorce:1');
    await page.getByTestId('filter-error').getByText('Unknown field "sorce"').waitFor();
    await page.getByTestId('filter-input').fill('');
    await blur();
    await page.keyboard.press('?');
    await page.getByTestId('shortcuts-dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts-dialog').waitFor({ state: 'detached' });
  });

  it('switches to the light theme and remembers it across a reload', async () => {
    await page.getByTestId('theme-toggle').click();
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.locator('[data-testid="kpi-sessions"][data-value="282"]').waitFor();
    await expectChartsDrawn(page);
    await fullShot(page, path.join(SHOTS, 'overview-light.png'));
  });

  it('logged no console error or CSP violation (ECharts needs no eval)', () => {
    expect(errors).toEqual([]);
  });
});

describe('Overview with hostile log strings', () => {
  // Countries are checked as two-letter codes at ingest, so rule names and detection types carry the payload.
  it('renders rule names and detection types from logs as inert text', async () => {
    const file = path.join(dir, 'hostile.csv');
    const row = (i: number) =>
      `${100 + i},${200 + i},2024-04-25T23:0${i}:00Z,2024-04-25T23:1${i}:00Z,10.0.0.${i + 1},US,HTTPS,200,443,10.9.9.9,"${PAYLOAD.replaceAll('"', '""')}",o,m,n,2024-04-25T23:0${i}:00Z,"${PAYLOAD.replaceAll('"', '""')}"`;
    fs.writeFileSync(file, `${HEADER}\n${[0, 1, 2].map(row).join('\n')}\n`);
    vigil('ingest', '--db', path.join(dir, 'hostile.db'), '--no-enrich', file);
    const { page, errors } = await open('hostile.db');
    await page.locator('[data-testid="kpi-sessions"][data-value="3"]').waitFor();
    await waitForCharts(page);
    // Hover the bar so its tooltip (HTML) shows the hostile type and country.
    const box = (await page.getByTestId('chart-type-country').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 40);
    const tooltip = page.locator('div').filter({ hasText: PAYLOAD }).last();
    await tooltip.waitFor();
    await page.getByTestId('filter-input').fill('rule:');
    await page.getByTestId('filter-suggestions').getByText(PAYLOAD).waitFor();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: path.join(SHOTS, 'overview-hostile.png') });
    expect(errors).toEqual([]);
  });
});

describe('Overview on a generated 100 000-session database', () => {
  it('draws every chart, narrows on a bar click and on a brush', async () => {
    const csv = path.join(dir, 'big.csv');
    vigil('generate', '--rows', '100000', '--seed', '42', '--out', csv, '--days', '7');
    vigil('ingest', '--db', path.join(dir, 'big.db'), '--no-enrich', csv);
    const { page, errors } = await open('big.db');
    await page.locator('[data-testid="kpi-sessions"][data-value="100000"]').waitFor();
    await expectChartsDrawn(page);
    await fullShot(page, path.join(SHOTS, 'overview-100k.png'));

    await clickFirstBar(page, 'chart-type-country', 12);
    const clicked = await sessionsChangedFrom(page, 100_000);
    expect(clicked).toBeLessThan(100_000);
    await waitForCharts(page);

    await brushTimeSeries(page, 0.2, 0.4);
    await page.getByTestId('time-range-text').waitFor();
    const brushed = await sessionsChangedFrom(page, clicked);
    expect(brushed).toBeLessThan(clicked);
    await expectChartsDrawn(page);
    expect(errors).toEqual([]);
  });
});
