// Triage of a threat-type run in Debian Chromium against serve mode (issue "Say which attack"):
// the queue's flags by predicted kind, `kind:` from a click, and one group corrected to another
// kind — stored as malicious verdicts naming that kind, the next run's labels.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open.js';
import { scoreRun } from '../../src-main/core/ml/train/score-run.js';
import { trainRun } from '../../src-main/core/ml/train/train-run.js';
import { countOf } from '../../src-shared/count-words.js';
import { generatedDb } from '../integration/ml/harness.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

let dir: string;
let dbPath: string;
let browser: Browser;
let serve: ServeProcess | undefined;
/** The first test's page: the served URL's token opens one session, which the second test goes on in. */
let page: Page;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-kinds-e2e-'));
  dbPath = await generatedDb(dir, { rows: 8000, attackRate: 0.15, days: 2, seed: 3 });
  const db = openDatabase(dbPath);
  try {
    const run = await trainRun(db, { kind: 'rf', target: 'type', split: 'random', params: { trees: 20 } });
    await scoreRun(db, db, run.id);
  } finally {
    db.close();
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Malicious verdicts per kind they name, read from the database file the server writes. */
function verdictKinds(): Record<string, number> {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT kind, count(*) AS n FROM verdicts WHERE verdict = 'malicious' GROUP BY kind")
      .all() as { kind: string | null; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.kind ?? '(none)', r.n]));
  } finally {
    db.close();
  }
}

describe('triage by kind', () => {
  it('shows the flags by predicted kind, filters by one, and corrects a group to another kind', async () => {
    serve = await startServe(dbPath, ['--no-sample']);
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.goto(serve.url);
    // The Overview splits the flags by predicted kind, the largest first.
    const overviewKinds = page.getByTestId('flag-kinds').locator('li');
    // Waits are Playwright's (30 s), not expect.poll's second: two cores shared by many test runs.
    await overviewKinds.nth(1).waitFor();
    await page.getByTestId('nav-triage').click();
    const groups = page.getByTestId('kind-group');
    await groups.nth(1).waitFor();
    const kinds = await groups.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    const [biggest, other] = kinds;
    if (!biggest || !other) throw new Error('two kinds expected');
    const sessions = Number(
      (await groups.nth(1).locator('.muted').textContent())?.replace(/\D/g, '') ?? Number.NaN,
    );
    expect(sessions).toBeGreaterThan(0);

    // The second group is really the first group's kind: one verdict corrects all of it.
    const second = groups.nth(1);
    await second.getByTestId('kind-group-choice').fill(biggest);
    await second
      .getByTestId('kind-group-judge')
      .getByText(/^Correct all/)
      .waitFor();
    await second.getByTestId('kind-group-judge').click();
    await page
      .getByTestId('triage-message')
      .getByText(`${countOf(sessions, 'session')} flagged as ${other} corrected to ${biggest}`, {
        exact: true,
      })
      .waitFor();
    expect(verdictKinds()).toEqual({ [biggest]: sessions });

    // A kind's name is a filter: the queue and its groups keep that kind only.
    await page.getByTestId('kind-group').first().getByRole('button', { name: biggest }).click();
    await expect.poll(() => page.getByTestId('kind-group').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('kind-group').getAttribute('data-kind')).toBe(biggest);
    await page.getByTestId('nav-overview').click();
    await expect.poll(() => overviewKinds.count(), { timeout: 30_000 }).toBe(1);
    expect(await overviewKinds.first().textContent()).toContain(biggest);
    expect(errors).toEqual([]);
  }, 120_000);

  it('judges the run per kind in Models: each kind beside the baseline, and the K×K matrix', async () => {
    const errors = collectPageErrors(page);
    await page.getByTestId('nav-models').click();
    await page.getByTestId('kind-table').waitFor();
    expect(await page.getByTestId('run-detail').locator('h2').textContent()).toMatch(/rf \(threat types\)$/);
    const kinds = await page
      .getByTestId('kind-table')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    // Benign and the generated attack kinds, each a row and a row of the matrix.
    expect(kinds[0]).toBe('benign');
    expect(kinds.length).toBeGreaterThan(2);
    expect(await page.getByTestId('kind-confusion').locator('tbody tr').count()).toBe(kinds.length);
    await page.getByTestId('kind-metrics').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ROOT, 'test-results', 'screenshots', 'models-kinds.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
