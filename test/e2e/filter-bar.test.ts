// The filter bar in Debian Chromium through serve mode, on the embedded sample (282 sessions:
// 113 from US, 72 from CA): what an analyst types applies when they say so, and never half-typed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { kpi, sessionsChangedFrom } from './overview-page.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = '/work/notes/shots';

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];

const input = () => page.getByTestId('filter-input');
const suggestions = () => page.getByTestId('filter-suggestions');
/** Settled: the KPI tiles answered for the filter in force. */
const settled = () =>
  page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid="kpis"]')?.dataset.loading === 'false',
  );

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-filter-'));
  serve = await startServe(path.join(dir, 'sample.db'));
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  errors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.locator('[data-testid="kpi-sessions"][data-value="282"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the filter bar', () => {
  it('keeps the query when Escape closes the suggestions, and on a second Escape', async () => {
    await input().click();
    await page.keyboard.type('cou');
    await suggestions().waitFor();
    await page.keyboard.press('Escape');
    await suggestions().waitFor({ state: 'detached' });
    expect(await input().inputValue()).toBe('cou');
    await page.keyboard.press('Escape');
    expect(await input().inputValue()).toBe('cou');
  });

  it('does not apply a half-typed value, says what is still shown, and applies on Enter', async () => {
    await input().fill('');
    await page.keyboard.type('country:C');
    await page.getByTestId('filter-pending').getByText('the views still show every session').waitFor();
    // Nothing may happen by itself: give the old 350 ms timer every chance, then look.
    await page.waitForTimeout(1200);
    await settled();
    expect(await kpi(page, 'sessions')).toBe(282);
    await page.keyboard.type('A');
    await page.keyboard.press('Enter');
    expect(await sessionsChangedFrom(page, 282)).toBe(72);
    expect(await suggestions().count()).toBe(0);
    expect(await input().inputValue()).toBe('country:CA');
  });

  it('shows how a bare word will be read before it is applied', async () => {
    await page.keyboard.type(' bea');
    const readings = page.getByTestId('filter-readings');
    await readings.waitFor();
    // Until the core answers, the word reads as the free text it is; then as the core will run it.
    // No stored value holds "bea": the core runs it as type:bea, which matches nothing either.
    await readings.filter({ hasText: 'bea → type:bea' }).waitFor();
    await page.waitForTimeout(1200);
    await settled();
    expect(await kpi(page, 'sessions')).toBe(72);
  });

  it('refuses a text that does not parse and says the previous filter is still in force', async () => {
    await input().fill('country:CA port:>>1');
    await page.keyboard.press('Enter');
    await page.getByTestId('filter-error').getByText('bad comparison').waitFor();
    const pending = page.getByTestId('filter-pending');
    expect(await pending.getAttribute('data-state')).toBe('invalid');
    expect(await pending.textContent()).toBe('Not applied: the views still show country:CA.');
    await page.screenshot({ path: path.join(SHOTS, 'filter-not-applied.png') });
    await page.waitForTimeout(500);
    await settled();
    expect(await kpi(page, 'sessions')).toBe(72);
  });

  it('clears the filter when Enter is pressed on an empty box (no suggestion is inserted)', async () => {
    await input().fill('');
    await suggestions().waitFor();
    await page.keyboard.press('Enter');
    expect(await sessionsChangedFrom(page, 72)).toBe(282);
    expect(await input().inputValue()).toBe('');
    expect(await page.getByTestId('filter-error').count()).toBe(0);
  });

  it('applies a picked value, and the list does not reopen over the page', async () => {
    await page.keyboard.type('country:');
    await suggestions().getByText('US', { exact: true }).click();
    expect(await input().inputValue()).toBe('country:US ');
    expect(await sessionsChangedFrom(page, 282)).toBe(113);
    expect(await suggestions().count()).toBe(0);
  });

  it('logged no console error', () => {
    expect(errors).toEqual([]);
  });
});
