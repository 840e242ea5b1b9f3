// Keyboard triage of 20 flagged sessions in Debian Chromium against serve mode: verdicts by key,
// a selection, undo, and the verdicts still there after the server restarts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open.js';
import { cloudwatchRow } from '../helpers/cloudwatch-rows.js';
import { addScoredRun, importLines, openWorkspace } from '../integration/triage/harness.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';
import { classicQueue } from './triage-page.js';

let dir: string;
let dbPath: string;
let browser: Browser;
let serve: ServeProcess | undefined;
const KEYS = ['m', 'b', 'r', 'm', 'b'];
const VERDICT = { m: 'malicious', b: 'benign', r: 'review' } as Record<string, string>;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-triage-e2e-'));
  const ws = openWorkspace(dir);
  dbPath = ws.dbPath;
  const ids = await importLines(
    ws,
    Array.from({ length: 20 }, (_, i) => cloudwatchRow(i)),
  );
  addScoredRun(
    ws.db,
    'iforest',
    ids.map((id, i) => [id, 0.99 - i / 100]),
  );
  ws.db.close();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openTriage(): Promise<{ page: Page; errors: string[] }> {
  serve = await startServe(dbPath, ['--no-sample']);
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-triage').click();
  await page.getByTestId('view-triage').waitFor();
  await classicQueue(page);
  await page.getByTestId('triage-row').nth(19).waitFor();
  expect(await page.getByTestId('triage-row').count()).toBe(20);
  return { page, errors };
}

/** Verdict actions stored so far, read from the database file the server writes. */
function verdictActions(): number {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM audit_actions WHERE kind = 'verdict'").pluck().get() as number;
  } finally {
    db.close();
  }
}

const verdicts = (page: Page) =>
  page.getByTestId('triage-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')));

describe('keyboard triage in serve mode', () => {
  it('sets 20 verdicts from the keyboard, applies one to a selection, undoes, and keeps them across a restart', async () => {
    const { page, errors } = await openTriage();
    const expected: string[] = [];
    for (let i = 0; i < 18; i++) {
      const key = KEYS[i % KEYS.length]!;
      await page.keyboard.press(key);
      // Instant: the row shows the verdict before the next key, whatever the core is doing.
      await expect.poll(async () => (await verdicts(page))[i]).toBe(VERDICT[key]);
      expected.push(VERDICT[key]!);
      await page.keyboard.press('j');
    }
    // x on the last two, then Shift+B for both at once.
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('Shift+B');
    expected.push('benign', 'benign');
    await expect.poll(() => verdicts(page)).toEqual(expected);
    // Every action answered (they go out one after another, a round trip each: seconds on a loaded
    // machine) before undoing the last one: the core has stored all 19.
    await page.locator('[data-testid="view-triage"][data-pending="0"]').waitFor();
    expect(verdictActions()).toBe(19);

    // Undo takes back the last action (both selected sessions), as the core confirms.
    await page.keyboard.press('u');
    await page
      .getByTestId('triage-message')
      .getByText(/Undid benign on 2 sessions/)
      .waitFor();
    await expect.poll(() => verdicts(page)).toEqual([...expected.slice(0, 18), '', '']);
    expect(errors).toEqual([]);
    await page.close();
    expect(await serve!.stop()).toBe(0);

    const db = openDatabase(dbPath);
    try {
      expect(db.prepare('SELECT count(*) FROM verdicts').pluck().get()).toBe(18);
      expect(db.prepare("SELECT count(*) FROM audit_actions WHERE kind = 'verdict'").pluck().get()).toBe(19);
      expect(db.prepare("SELECT count(*) FROM audit_actions WHERE kind = 'undo'").pluck().get()).toBe(1);
    } finally {
      db.close();
    }

    const again = await openTriage();
    await expect.poll(() => verdicts(again.page)).toEqual([...expected.slice(0, 18), '', '']);
    expect(again.errors).toEqual([]);
  });
});
