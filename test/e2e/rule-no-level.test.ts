// A rule that writes no level (optional in Sigma), loaded from a folder and run through the CLI, in
// Debian Chromium against `vigil serve`: its hit reads "no level" in the Sessions column, the
// session drawer and Triage's reasons (rule hits flagging from informational up), never
// "informational", which its author did not write. Screenshot of the drawer at 1600×1000.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRuleLevel } from '../../src-main/core/db/detection-set.js';
import { openDatabase } from '../../src-main/core/db/open.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const CLI = path.join(ROOT, 'bin', 'vigil.js');

const LOG = [
  '198.51.100.1 - - [12/Feb/2024:10:00:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '198.51.100.2 - - [12/Feb/2024:10:00:01 +0000] "GET /backoffice/login HTTP/1.1" 200 90 "-" "Mozilla/5.0"',
];
const RULE = `title: Back office login
logsource:
  category: webserver
detection:
  selection:
    cs-uri-stem|startswith: /backoffice
  condition: selection
`;

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];
let hit: number;

function vigil(...args: string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigil ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-no-level-'));
  const db = path.join(dir, 'v.db');
  fs.writeFileSync(path.join(dir, 'access.log'), `${LOG.join('\n')}\n`);
  fs.mkdirSync(path.join(dir, 'rules'));
  fs.writeFileSync(path.join(dir, 'rules', 'backoffice.yml'), RULE);
  vigil('ingest', path.join(dir, 'access.log'), '--db', db);
  vigil('rules', 'add', path.join(dir, 'rules'), '--db', db);
  vigil('rules', 'run', '--db', db);
  const core = openDatabase(db);
  // Rule hits flag from informational up, so Triage lists the session with its reason.
  setRuleLevel(core, 'informational');
  hit = core.prepare(`SELECT id FROM sessions WHERE src_ip = '198.51.100.2'`).pluck().get() as number;
  core.close();
  fs.mkdirSync(SHOTS, { recursive: true });
  serve = await startServe(db, ['--no-sample']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  errors = collectPageErrors(page);
  await page.goto(serve.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a rule without a level in the app', () => {
  it('reads "no level" in the Sessions column and the drawer', async () => {
    await page.getByTestId('nav-sessions').click();
    const row = page.locator(`[data-testid="session-row"][data-session-id="${hit}"]`);
    const cell = row.locator('[data-col="ruleHits"]');
    await expect.poll(() => cell.textContent(), UNTIL_SHOWN).toBe('1 · no level');
    await row.click();
    const hits = page.getByTestId('session-drawer').getByTestId('drawer-rule-hits');
    await hits.waitFor();
    expect(await hits.locator('.level-chip').allTextContents()).toEqual(['no level']);
    expect(await hits.textContent()).toContain('Back office login');
    expect(await hits.textContent()).not.toContain('informational');
    await page.screenshot({ path: path.join(SHOTS, 'rule-no-level-drawer.png') });
  }, 60_000);

  it('reads "no level" in Triage\'s reasons', async () => {
    await page.getByTestId('nav-triage').click();
    const row = page.locator(`[data-testid="triage-row"][data-session="${hit}"]`);
    await row.click();
    await expect
      .poll(() => page.getByTestId('flag-reasons').textContent(), UNTIL_SHOWN)
      .toBe('rule “Back office login” (no level) matched path = /backoffice');
    await page.screenshot({ path: path.join(SHOTS, 'rule-no-level-triage.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
