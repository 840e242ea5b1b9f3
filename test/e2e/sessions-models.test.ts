// Sessions and Models in Debian Chromium against serve mode (production build). On the embedded
// sample: a session's drawer, and training refused with a plain explanation (one class). On a
// generated 20 000-session database: Isolation Forest trained from the UI with live progress, its
// run with metrics beside the baseline, scoring, the score in the drawer, and a hash click-through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open.js';
import { generateTraffic } from '../../src-main/core/generate/generate.js';
import { runImport } from '../../src-main/core/ingest/pipeline.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
let dir: string;
let browser: Browser;

async function openApp(serve: ServeProcess): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  return { page, errors };
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-sm-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('on the embedded sample', () => {
  let serve: ServeProcess;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    // First start on an empty database imports the sample by itself.
    serve = await startServe(path.join(dir, 'sample.db'));
    ({ page, errors } = await openApp(serve));
  });
  afterAll(async () => expect(await serve?.stop()).toBe(0));

  it('opens a session’s drawer with its fields, source line and empty history', async () => {
    await page.getByTestId('nav-sessions').click();
    await page.locator('[data-testid="sessions-total"][data-total="282"]').waitFor();
    const rows = page.getByTestId('session-row');
    await rows.first().waitFor();
    // Windowed: a screenful of the 282 rows is in the DOM, not all of them.
    expect(await rows.count()).toBeLessThan(60);
    const id = await rows.nth(2).getAttribute('data-session-id');
    await rows.nth(2).locator('[data-col="srcIp"]').click();
    const drawer = page.locator(`[data-testid="session-drawer"][data-session-id="${id}"]`);
    await drawer.waitFor();
    const rawRef = drawer.locator('[data-testid="drawer-raw-ref"][data-state="ready"]');
    await rawRef.waitFor();
    expect(await rawRef.textContent()).toMatch(/CloudWatch_Traffic_Web_Attack\.csv:\d+/);
    await drawer.getByTestId('drawer-no-verdicts').waitFor();
    await drawer.getByTestId('drawer-no-scores').waitFor();
    await expect(drawer.getByTestId('drawer-fields').textContent()).resolves.toContain('waf_rule');
    await page.screenshot({ path: path.join(SHOTS, 'sessions-drawer.png') });
  });

  it('refuses to train a Random Forest on one class, and says why in plain words', async () => {
    await page.getByTestId('nav-models').click();
    await page.getByTestId('runs-empty').waitFor();
    await page.getByTestId('train-open').click();
    await page.getByTestId('train-kind').selectOption('rf');
    await page.getByTestId('train-start').click();
    const refusal = page.getByTestId('train-refusal');
    await refusal.waitFor();
    const text = await refusal.textContent();
    expect(text).toContain('Training refused: the labels have only one class');
    expect(text).toContain('waf_rule');
    expect(text).not.toContain('--labels');
    await page.screenshot({ path: path.join(SHOTS, 'models-refusal.png') });
  });

  it('logged no console error or CSP violation', () => {
    expect(errors).toEqual([]);
  });
});

describe('on a generated 20 000-session database', () => {
  let serve: ServeProcess;
  let page: Page;
  let errors: string[];
  let busiestSource: { ip: string; sessions: number };
  let dbPath: string;

  beforeAll(async () => {
    const generated = await generateTraffic({
      rows: 20_000,
      seed: 5,
      out: path.join(dir, 'traffic.csv'),
      format: 'cloudwatch-csv',
      start: Date.UTC(2024, 3, 25),
      days: 3,
      attackRate: 0.05,
    });
    dbPath = path.join(dir, 'generated.db');
    const db = openDatabase(dbPath);
    try {
      await runImport(db, { file: generated.out, enrich: false });
      busiestSource = db
        .prepare('SELECT src_ip AS ip, count(*) AS sessions FROM sessions GROUP BY 1 ORDER BY 2 DESC LIMIT 1')
        .get() as { ip: string; sessions: number };
    } finally {
      db.close();
    }
    serve = await startServe(dbPath, ['--no-sample']);
    ({ page, errors } = await openApp(serve));
  });
  afterAll(async () => expect(await serve?.stop()).toBe(0));

  it('trains an Isolation Forest from the UI and shows the run beside its baseline', async () => {
    await page.getByTestId('nav-models').click();
    await page.getByTestId('runs-empty').waitFor();
    await page.getByTestId('train-open').click();
    await page.getByTestId('train-kind').selectOption('iforest');
    await page.getByTestId('train-param-trees').fill('60');
    await page.getByTestId('train-start').click();
    await page.locator('[data-testid="train-progress"][data-state="done"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('train-done').waitFor();
    await page.getByTestId('train-close').click();
    const run = page.locator('[data-testid="run-row"][data-status="done"]').first();
    await run.waitFor();
    const roc = await run.getByTestId('run-roc').textContent();
    // "model / baseline": a real ROC-AUC well above the majority baseline's 0.5.
    const [model, baseline] = roc!.split('/').map((part) => Number(part.trim()));
    expect(baseline).toBe(0.5);
    expect(model).toBeGreaterThan(0.7);
    await page.getByTestId('confusion-matrix').waitFor();
    await page.locator('[data-testid="metrics-compare"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'models-run.png'), fullPage: true });
  });

  it('scores every session with the run; the drawer shows the score', async () => {
    await page.getByTestId('score-run').click();
    await page.locator('[data-testid="score-progress"][data-state="done"]').waitFor({ timeout: 120_000 });
    await page
      .locator('[data-testid="run-row"][data-status="done"]')
      .first()
      .getByText(/of 20,\d{3}/)
      .waitFor();
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId('session-row').first().locator('[data-col="startTs"]').click();
    const scores = page.getByTestId('drawer-scores');
    await scores.waitFor();
    expect(await scores.textContent()).toMatch(/iforest run \d+/);
  });

  it('explains a flagged session in the drawer ("why flagged")', async () => {
    const db = openDatabase(dbPath, { readonly: true });
    const flagged = db
      .prepare('SELECT min(score) AS score, count(*) AS n FROM scores WHERE flagged = 1')
      .get() as { score: number; n: number };
    db.close();
    expect(flagged.n).toBeGreaterThan(0);
    // Every session at or above the lowest flagged score is flagged (one run, one threshold).
    await page.evaluate((q) => {
      window.location.hash = `#/sessions?q=${encodeURIComponent(q)}`;
    }, `score:>=${flagged.score}`);
    await page.locator(`[data-testid="sessions-total"][data-total="${flagged.n}"]`).waitFor();
    await page.getByTestId('session-row').first().locator('[data-col="srcIp"]').click();
    const scores = page.getByTestId('drawer-scores');
    await scores.waitFor();
    const item = scores.locator('li[data-flagged="true"]');
    await item.getByText('Why flagged:').waitFor();
    expect(await item.locator('.why li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'sessions-why-flagged.png') });
  });

  it('opens #/sessions?q=… as the global filter (click-through from other views)', async () => {
    await page.evaluate((ip) => {
      window.location.hash = `#/sessions?q=${encodeURIComponent(`src:${ip}`)}`;
    }, busiestSource.ip);
    await page.locator(`[data-testid="sessions-total"][data-total="${busiestSource.sessions}"]`).waitFor();
    expect(await page.getByTestId('filter-input').inputValue()).toBe(`src:${busiestSource.ip}`);
    // The address keeps the filter in force (sessions-hash.ts), so a reload comes back to it.
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/sessions?q=src:${busiestSource.ip}`);
    const ips = await page.locator('[data-testid="session-row"] [data-col="srcIp"]').allTextContents();
    expect(new Set(ips)).toEqual(new Set([busiestSource.ip]));
    await page.screenshot({ path: path.join(SHOTS, 'sessions-filtered.png') });
  });

  it('logged no console error or CSP violation', () => {
    expect(errors).toEqual([]);
  });
});
