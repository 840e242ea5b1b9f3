// The Sessions table's marks in Chromium through serve mode, on the 282-session sample scored by an
// Isolation Forest trained with the CLI (real child processes): the Flagged, Score and Verdict
// columns named by the detection set, sorts by score, response and detection, the cell menu of
// the Flagged column filtering `flagged:yes`, and the top bar switching the kind off and on again.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtVigilOn } from '../helpers/built-cli.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SAMPLE = path.join(ROOT, 'resources', 'samples', 'CloudWatch_Traffic_Web_Attack.csv');
// Written beside the test results, and to the team's notes when that folder exists.
const SHOT_DIRS = [path.join(ROOT, 'test-results', 'screenshots'), '/work/notes/shots'].filter(
  (dir, i) => i === 0 || fs.existsSync(dir),
);

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];
/** How many sessions the run flagged, as the CLI said. */
let flaggedByRun: number;

const vigil = builtVigilOn(() => path.join(dir, 'x.db'));

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-marks-'));
  fs.mkdirSync(SHOT_DIRS[0]!, { recursive: true });
  vigil('ingest', SAMPLE);
  vigil('train', '--model', 'iforest', '--seed', '1');
  flaggedByRun = Number(/(\d+) flagged/.exec(vigil('score'))?.[1]);
  [browser, serve] = await Promise.all([
    launchChromium(),
    startServe(path.join(dir, 'x.db'), ['--no-sample']),
  ]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(`${serve.url}#/sessions`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rows = () => page.getByTestId('session-row');
const total = () => page.getByTestId('sessions-total').getAttribute('data-total').then(Number);
const column = (id: string) =>
  page.locator(`[data-testid="session-row"] [data-col="${id}"]`).allTextContents();

/** A column's texts once a screenful of rows and their marks (which follow the rows) are in. */
async function loaded(id: string): Promise<string[]> {
  await expect
    .poll(async () => {
      const texts = await column(id);
      return texts.length > 10 && !texts.includes('…');
    }, UNTIL_SHOWN)
    .toBe(true);
  return column(id);
}

describe('Sessions marks', () => {
  it('shows Flagged, Score and Verdict, named by the detection set', async () => {
    expect(flaggedByRun).toBeGreaterThan(0);
    await page.locator('[data-testid="sessions-total"][data-total="282"]').waitFor();
    await expect
      .poll(() => page.getByTestId('sessions-flagged-by').textContent(), UNTIL_SHOWN)
      .toBe(' · flagged by iforest #1 + rules ≥ high');
    const headers = await page.locator('.vrow-head th').allTextContents();
    // Newest first: the start column carries the sort mark.
    expect(headers.slice(0, 5)).toEqual(['Start (UTC)▼', 'Source IP', 'Flagged', 'Score', 'Verdict']);
    const scores = (await loaded('score')).map(Number);
    expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
    expect(await page.locator('th', { hasText: 'Flagged' }).getAttribute('title')).toBe(
      'Flagged by iforest #1 + rules ≥ high',
    );
  });

  it('sorts by score at this size, highest first on the second click', async () => {
    await page.getByTestId('sort-score').click();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Score' }).waitFor();
    await page.getByTestId('sort-score').click();
    await page.locator('th[aria-sort="descending"]', { hasText: 'Score' }).waitFor();
    const scores = (await loaded('score')).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The top scores are the run's flags.
    expect((await column('flagged'))[0]).toBe('flagged');
    await shoot('sessions-cols.png');
  });

  it('sorts by Response and Detection at this size (a scan-and-sort under the size rule)', async () => {
    // The sample's responses and detection types are all alike, so the rows cannot show the order:
    // the page must ask the server for it, and the server must accept the sort.
    const asked = (sort: string) =>
      page.waitForResponse(
        (r) =>
          r.url().includes('/sessionPage') && r.request().postData()?.includes(`"sort":"${sort}"`) === true,
      );
    for (const [sort, label] of [
      ['responseCode', 'Response'],
      ['detectionType', 'Detection'],
    ] as const) {
      const answer = asked(sort);
      await page.getByTestId(`sort-${sort}`).click();
      expect((await answer).status()).toBe(200);
      await page.locator('th[aria-sort="ascending"]', { hasText: label }).waitFor();
      expect((await loaded(sort)).length).toBeGreaterThan(10);
    }
    // Back to the highest scores for the pivots below.
    await page.getByTestId('sort-score').click();
    await page.getByTestId('sort-score').click();
    await page.locator('th[aria-sort="descending"]', { hasText: 'Score' }).waitFor();
  });

  it('filters for a Flagged value from its cell menu: flagged:yes', async () => {
    const cell = rows().first().locator('[data-col="flagged"]');
    await cell.click({ button: 'right' });
    const menu = page.getByTestId('cell-menu');
    await menu.waitFor();
    await menu.getByTestId('cell-filter-for').click();
    await expect.poll(() => page.getByTestId('filter-input').inputValue()).toBe('flagged:yes');
    await expect.poll(total, { timeout: 10_000 }).toBe(flaggedByRun);
    expect(new Set(await loaded('flagged'))).toEqual(new Set(['flagged']));
  });

  it('follows the top bar: the kind off flags nothing here, picking its run brings the flags back', async () => {
    // The top bar's Flagged by opens its menus (and stays open until a click elsewhere).
    await page.getByTestId('detection-summary').click();
    await page.getByTestId('detection-iforest').selectOption('off');
    // The kind goes off in the core, then the detection set is asked again: two round trips.
    await expect
      .poll(() => page.getByTestId('sessions-flagged-by').textContent(), UNTIL_SHOWN)
      .toBe(' · flagged by rules ≥ high');
    // The sample has no rule hit at high or above: with the model off, nothing is flagged.
    await page.getByTestId('sessions-empty').waitFor();
    await page.getByTestId('detection-iforest').selectOption('1');
    await expect.poll(total, { timeout: 10_000 }).toBe(flaggedByRun);
    expect(pageErrors).toEqual([]);
  });
});

async function shoot(name: string): Promise<void> {
  for (const shots of SHOT_DIRS) await page.screenshot({ path: path.join(shots, name) });
}
