// Models on a threat-type run that a time split left untested for two kinds, in Debian Chromium
// against serve mode: the per-kind table says which kinds were judged, the untested ones are named
// above it, and Set active asks first (Cancel changes nothing; OK activates and still names them).
// Screenshot at 1600×1000: test-results/screenshots/models-untested-kinds.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/built-cli.js';
import { writeUntestedKindsDb } from '../helpers/untested-kinds-data.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];
let runId = 0;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-untested-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  const db = writeUntestedKindsDb(path.join(dir, 'v.db'));
  const trained = await runBuiltCli(
    'train',
    '--model',
    'rf',
    '--target',
    'type',
    '--split',
    'time',
    '--trees',
    '20',
    '--seed',
    '3',
    '--db',
    db,
    '--json',
  );
  if (trained.code !== 0) throw new Error(trained.stderr);
  runId = JSON.parse(trained.stdout).id;
  browser = await launchChromium();
  serve = await startServe(db, ['--no-sample']);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  errors = collectPageErrors(page);
  await page.goto(serve.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  expect(await serve?.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Models: a threat-type run with untested kinds', () => {
  it('says per kind whether it was judged and names the untested kinds above the table', async () => {
    await page.getByTestId('nav-models').click();
    const detail = page.locator(`[data-testid="run-detail"][data-run-id="${runId}"]`);
    await detail.waitFor();
    const untested = detail.getByTestId('kind-untested');
    await untested.scrollIntoViewIfNeeded();
    expect(await untested.textContent()).toMatch(
      new RegExp(`^Run ${runId} names 2 kinds on new sessions that it was not tested on: `),
    );
    const row = (kind: string) => detail.locator(`[data-testid="kind-table"] tr[data-kind="${kind}"]`);
    expect(await row('brute_force').locator('td').last().textContent()).toBe('not tested (none held out)');
    expect(await row('xss').locator('td').last().textContent()).toBe('judged');
    // The note, the table and its Judged column in one view.
    await detail.getByTestId('kind-confusion').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'models-untested-kinds.png') });
  });

  it('Set active asks first: Cancel leaves the run inactive, OK activates and names the kinds', async () => {
    const messages: string[] = [];
    let answer = false;
    page.on('dialog', (dialog) => {
      messages.push(dialog.message());
      void (answer ? dialog.accept() : dialog.dismiss());
    });
    await page.getByTestId(`run-activate-${runId}`).click();
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toMatch(
      /names 2 kinds on new sessions that it was not tested on: .*\n\nMake it the active rf \(threat types\) model anyway\?$/s,
    );
    expect(await page.getByTestId('models-notice').count()).toBe(0);
    answer = true;
    await page.getByTestId(`run-activate-${runId}`).click();
    const notice = page.getByTestId('models-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      new RegExp(`^Run ${runId} is now the active rf \\(threat types\\) model\\. Run ${runId} names 2 kinds`),
    );
    expect(messages).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
