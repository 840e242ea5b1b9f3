// The Rules view in Debian Chromium against `vigil serve` (production build): a generated access
// log with the shipped pack run at import, and a folder of one rule added on the command line
// (not yet run). The view lists both sets with their counts; "Run rules over all sessions" runs
// the job to its end and the folder's rule gets its hits; removing the folder turns it off and
// takes its hits away. Screenshots at 1600×1000 before and after the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { ruleSetCard, ruleSetCounts, storedHitsOf } from './rules-page.js';
import { assertBuilt, ROOT, type ServeProcess, startServe, vigilCli } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

// A rule of the analyst's own: any request for a path under /login (the generated log's
// credential-stuffing bursts and ordinary sign-ins alike).
const LOGIN_RULE = `title: Login path requested
id: 6f1c2a4e-2b7d-4c1e-9a55-0d3e8f4b7a21
status: experimental
description: Any request for the login path, to see a folder's rule run from the app.
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem|startswith: /login
  condition: selection
level: low
`;

let dir: string;
let db: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];

const setCard = (source: string) => ruleSetCard(page, source);
const countsOf = (source: string) => ruleSetCounts(page, source);

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-rules-'));
  const log = path.join(dir, 'access.log');
  db = path.join(dir, 'web.db');
  vigilCli(
    'generate',
    '--format',
    'combined',
    '--rows',
    '3000',
    '--seed',
    '17',
    '--attack-rate',
    '0.1',
    '--out',
    log,
  );
  vigilCli('ingest', log, '--db', db);
  const rules = path.join(dir, 'my-rules');
  fs.mkdirSync(rules);
  fs.writeFileSync(path.join(rules, 'login.yml'), LOGIN_RULE);
  vigilCli('rules', 'add', rules, '--db', db);
  fs.mkdirSync(SHOTS, { recursive: true });
  serve = await startServe(db, ['--no-sample']);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  errors = collectPageErrors(page);
  await page.goto(serve.url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Rules view', () => {
  it('lists the pack and the added folder, whose rule has not run yet', async () => {
    await page.getByTestId('nav-rules').click();
    await page.getByTestId('view-rules').waitFor();
    await setCard('pack').waitFor();
    const folder = path.join(dir, 'my-rules');
    await setCard(folder).waitFor();
    expect(await countsOf('pack')).toMatch(/^1[0-9] rules, [1-9][\d,]* hits$/);
    expect(await countsOf(folder)).toBe('1 rule, 0 hits');
    expect(await page.getByTestId('rules-stale').isVisible()).toBe(true);
    expect(await page.getByTestId('rules-add-hint').textContent()).toContain('rules add DIR');
    // Each rule's ATT&CK technique, from its tags; a rule without one says so.
    const sqli = setCard('pack')
      .getByTestId('rule-row')
      .filter({ has: page.getByRole('cell', { name: 'SQL injection in a web request', exact: true }) });
    expect(await sqli.getByTestId('rule-techniques').textContent()).toBe('T1190');
    expect(await setCard(folder).getByTestId('rule-techniques').textContent()).toBe('–');
    await page.screenshot({ path: path.join(SHOTS, 'rules-view.png') });
  });

  it('runs the rules over all sessions to the end, and the folder rule gets its hits', async () => {
    const folder = path.join(dir, 'my-rules');
    await page.getByTestId('rules-run-start').click();
    await page.locator('[data-testid="rules-run-progress"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('rules-run-message').textContent()).toMatch(
      /^1[0-9] rules over 3,000 sessions: [\d,]+ hits$/,
    );
    // The list is asked again when the job ends.
    await expect.poll(() => countsOf(folder), { timeout: 10_000 }).toMatch(/^1 rule, [1-9][\d,]* hits$/);
    // What the view says is what the database holds.
    const stored = storedHitsOf(db, 'Login path requested');
    expect(await countsOf(folder)).toBe(
      `1 rule, ${stored.toLocaleString('en-US')} ${stored === 1 ? 'hit' : 'hits'}`,
    );
    await page.screenshot({ path: path.join(SHOTS, 'rules-view-after-run.png') });
  });

  it('removes the folder set after a second click: off, with no hits', async () => {
    const folder = path.join(dir, 'my-rules');
    await setCard(folder).getByTestId('rule-set-remove').click();
    // The question says what goes with the hits and how they come back.
    const confirm = (await setCard(folder).getByTestId('rule-set-confirm').textContent()) ?? '';
    expect(confirm).toContain('no longer flagged');
    expect(confirm).toContain(`rules add ${folder}`);
    await setCard(folder).getByTestId('rule-set-remove-yes').click();
    await expect.poll(() => countsOf(folder), { timeout: 10_000 }).toBe('1 rule, 0 hits');
    expect(await setCard(folder).textContent()).toContain('off');
    // An off set says how to turn it on again (the view cannot: it takes the folder's path).
    expect(await setCard(folder).getByTestId('rule-set-off-hint').textContent()).toContain(
      `node bin/vigil.js rules add ${folder}`,
    );
    expect(errors).toEqual([]);
  });
});
