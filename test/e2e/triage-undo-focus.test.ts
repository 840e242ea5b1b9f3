// Undo in the default queue (not yet judged, focus moving on) in Debian Chromium: the judged
// session leaves the queue, u brings it back, and the next verdict key must land on it, not on the
// neighbour focus had moved to; and u in one tab takes back that tab's verdict, not the one the
// same analyst gave since in another tab.
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

let dir: string;
let dbPath: string;
let browser: Browser;
let serve: ServeProcess;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-triage-undo-'));
  const ws = openWorkspace(dir);
  dbPath = ws.dbPath;
  const ids = await importLines(
    ws,
    Array.from({ length: 6 }, (_, i) => cloudwatchRow(i)),
  );
  addScoredRun(
    ws.db,
    'iforest',
    ids.map((id, i) => [id, 0.99 - i / 100]),
  );
  ws.db.close();
  browser = await launchChromium();
  serve = await startServe(dbPath, ['--no-sample']);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowIds = (page: Page) =>
  page
    .getByTestId('triage-row')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-session'))));
const focused = (page: Page) =>
  page.locator('[data-testid="triage-row"][aria-selected="true"]').getAttribute('data-session');
const idle = (page: Page) => page.locator('[data-testid="view-triage"][data-pending="0"]').waitFor();

function verdictsStored(): Record<number, string> {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT session_id, verdict FROM verdicts').all() as {
      session_id: number;
      verdict: string;
    }[];
    return Object.fromEntries(rows.map((r) => [r.session_id, r.verdict]));
  } finally {
    db.close();
  }
}

describe('undo in the triage queue', () => {
  it('puts focus back on the session whose verdict was undone, so the next key judges it', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.goto(serve.url);
    await page.getByTestId('nav-triage').click();
    await page.getByTestId('triage-row').nth(5).waitFor();
    const [first, second] = await rowIds(page);
    expect(await focused(page)).toBe(String(first));

    await page.keyboard.press('m');
    await idle(page);
    // Judged, it leaves the queue; focus moved on to the next row.
    await expect.poll(() => rowIds(page)).not.toContain(first);
    expect(await focused(page)).toBe(String(second));

    await page.keyboard.press('u');
    await page
      .getByTestId('triage-message')
      .getByText(/Undid malicious/)
      .waitFor();
    await idle(page);
    await expect.poll(() => rowIds(page)).toContain(first);
    await expect.poll(() => focused(page)).toBe(String(first));
    await page.screenshot({ path: path.join(dir, 'undo-focus.png') });

    await page.keyboard.press('b');
    await idle(page);
    await expect.poll(() => verdictsStored()).toEqual({ [first!]: 'benign' });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
  it('undoes the verdict this tab gave, not the later one the same analyst gave in another tab', async () => {
    // The serve link is taken by the first test's browser context: a server of its own for this one.
    const own = await startServe(dbPath, ['--no-sample']);
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const tabA = await context.newPage();
    const errors = collectPageErrors(tabA);
    await tabA.goto(own.url);
    await tabA.getByTestId('nav-triage').click();
    await tabA.getByTestId('triage-row').first().waitFor();
    const tabB = await context.newPage();
    await tabB.goto(`${new URL(own.url).origin}/#/triage`);
    await tabB.getByTestId('triage-row').first().waitFor();
    const before = verdictsStored();
    const [inA] = await rowIds(tabA);
    await tabA.keyboard.press('m');
    await idle(tabA);
    // Tab B judges another session (its last row) afterwards. In front: a hidden tab draws no frame.
    await tabB.bringToFront();
    await expect.poll(() => rowIds(tabB)).not.toContain(inA);
    for (let i = 0; i < 6; i++) await tabB.keyboard.press('j');
    const inB = Number(await focused(tabB));
    expect(inB).not.toBe(inA);
    await tabB.keyboard.press('r');
    await idle(tabB);
    await expect.poll(() => verdictsStored()).toEqual({ ...before, [inA!]: 'malicious', [inB]: 'review' });

    await tabA.bringToFront();
    await tabA.keyboard.press('u');
    await tabA.getByTestId('triage-message').getByText(`Undid malicious on session ${inA}`).waitFor();
    await expect.poll(() => verdictsStored()).toEqual({ ...before, [inB]: 'review' });
    expect(errors).toEqual([]);
    await context.close();
    expect(await own.stop()).toBe(0);
  }, 90_000);
});
