// Adding the analyst's own rules from the Rules view, in Debian Chromium against `vigil serve`
// (production build): a folder of two rule files (one matching the generated log's /login requests,
// one refused) and a note, chosen by keyboard through the browser's folder chooser. The view says
// what loaded and what was refused and why; the set is stored in the workspace's rules folder and,
// once the rules run, its rule has the hits the database holds. Screenshots at 1600×1000 before and
// after adding.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { ruleSetCard, ruleSetCounts, storedHitsOf } from './rules-page.js';
import { assertBuilt, ROOT, type ServeProcess, startServe, vigilCli } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

const LOGIN_RULE = `title: Login path requested
id: 3c5e7a90-1b2d-4e6f-8a0b-2c4d6e8f0a1b
description: Any request for the login path.
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem|startswith: /login
  condition: selection
level: low
`;
// The condition names a selection the rule does not have: refused with its line.
const BROKEN_RULE = `title: Admin probe
id: 7d9f1b3c-5e7a-4c2e-9b1d-3f5a7c9e1b3d
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem|startswith: /admin
  condition: selection and other
level: medium
`;

let dir: string;
let db: string;
let folder: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];

const setCard = (source: string) => ruleSetCard(page, source);
const countsOf = (source: string) => ruleSetCounts(page, source);

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-rules-upload-'));
  const log = path.join(dir, 'access.log');
  db = path.join(dir, 'web.db');
  vigilCli('generate', '--format', 'combined', '--rows', '2000', '--seed', '23', '--out', log);
  vigilCli('ingest', log, '--db', db);
  folder = path.join(dir, 'chosen', 'web-rules');
  fs.mkdirSync(path.join(folder, 'probes'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'login.yml'), LOGIN_RULE);
  fs.writeFileSync(path.join(folder, 'probes', 'admin.yaml'), BROKEN_RULE);
  fs.writeFileSync(path.join(folder, 'README.md'), '# Our rules\n');
  fs.mkdirSync(SHOTS, { recursive: true });
  serve = await startServe(db, ['--no-sample']);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  errors = collectPageErrors(page);
  // File choosers stay intercepted for the page's life. A listener per waitForEvent turns Chromium's
  // interception off and on again between the tests' choosers; on a loaded machine the next key
  // press may overtake that round trip (the folder's chooser never came in one CI run).
  page.on('filechooser', () => {});
  await page.goto(serve.url);
  await page.getByTestId('nav-rules').click();
  await setCard('pack').waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('adding rules from the Rules view', () => {
  it('says so when the files chosen hold no rule file, and changes nothing', async () => {
    await page.screenshot({ path: path.join(SHOTS, 'rules-upload-before.png') });
    // Space on the focused "Add rule files…" opens the browser's file chooser.
    await page.getByTestId('rules-add-files').focus();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(path.join(folder, 'README.md'));
    const chosen = page.getByTestId('rules-chosen');
    expect(await chosen.getByRole('alert').textContent()).toBe(
      'No .yml or .yaml rule file among the 1 chosen.',
    );
    expect(await chosen.getByTestId('rules-add-submit').count()).toBe(0);
    expect(await page.locator('[data-source$="web-rules"]').count()).toBe(0);
  });

  it('adds a folder chosen by keyboard: one rule loaded, one refused with its line and reason', async () => {
    // Tab reaches the folder button and Enter opens the browser's folder chooser.
    await page.getByTestId('rules-add-files').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'rules-add-folder',
    );
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    await chooser.setFiles(folder);
    expect(await page.getByTestId('rules-chosen-summary').textContent()).toBe(
      '2 rule files from the folder “web-rules”; 1 file left out.',
    );
    expect(await page.getByTestId('rules-set-name').inputValue()).toBe('web-rules');
    await page.screenshot({ path: path.join(SHOTS, 'rules-upload-chosen.png') });
    await page.getByTestId('rules-add-submit').click();

    const stored = path.join(dir, 'web.rules', 'web-rules');
    const loaded = page.getByTestId('rules-add-loaded');
    await loaded.waitFor();
    expect(await loaded.textContent()).toBe(`${stored}: 1 rule loaded from 2 files, 1 refused.`);
    const refusal =
      (await page.getByTestId('rules-add-result').getByTestId('rule-refusals').textContent()) ?? '';
    expect(refusal).toContain('probes/admin.yaml:8');
    expect(refusal).toMatch(/other/);
    // The files are the workspace's own copy now, beside its database.
    expect(fs.readFileSync(path.join(stored, 'login.yml'), 'utf8')).toBe(LOGIN_RULE);
    expect(fs.existsSync(path.join(stored, 'README.md'))).toBe(false);
    await expect.poll(() => countsOf(stored), { timeout: 10_000 }).toBe('1 rule, 0 hits');
    expect(await page.getByTestId('rules-stale').isVisible()).toBe(true);
    expect(await page.getByTestId('rules-add-next').textContent()).toContain('Run rules over all sessions');
    await page.screenshot({ path: path.join(SHOTS, 'rules-upload-after.png') });
  });

  it('runs the rules, and the added rule gets the hits the database holds', async () => {
    const stored = path.join(dir, 'web.rules', 'web-rules');
    await page.getByTestId('rules-run-start').click();
    await page.locator('[data-testid="rules-run-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    const hits = storedHitsOf(db, 'Login path requested');
    expect(hits).toBeGreaterThan(0);
    await expect
      .poll(() => countsOf(stored), { timeout: 10_000 })
      .toBe(`1 rule, ${hits.toLocaleString('en-US')} hits`);
    const row = setCard(stored).getByTestId('rule-row');
    expect(await row.textContent()).toContain('Login path requested');
    expect(await row.getByTestId('rule-open-sessions').textContent()).toBe(hits.toLocaleString('en-US'));
    // Nothing is left to do: the hint to run the rules goes.
    await page.getByTestId('rules-add-next').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SHOTS, 'rules-upload-after-run.png') });
  });

  it('says which set files of the same name would replace, and Cancel leaves it', async () => {
    const stored = path.join(dir, 'web.rules', 'web-rules');
    await page.getByTestId('rules-files-input').setInputFiles(path.join(folder, 'login.yml'));
    expect(await page.getByTestId('rules-set-name').inputValue()).toBe('my rules');
    expect(await page.getByTestId('rules-add-replaces').count()).toBe(0);
    await page.getByTestId('rules-set-name').fill('Web Rules');
    expect(await page.getByTestId('rules-add-replaces').textContent()).toBe(
      `Replaces the rules of ${stored}.`,
    );
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('rules-chosen').count()).toBe(0);
    expect(await countsOf(stored)).toMatch(/^1 rule, [1-9][\d,]* hits?$/);
    expect(errors).toEqual([]);
  });
});
