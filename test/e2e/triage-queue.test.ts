// The default triage queue in Debian Chromium against serve mode: it starts on what is not yet
// judged, grouped by source IP, and empties as the analyst works — focus moves on, judged rows
// leave, a group is folded or judged at once, the count left shrinks, the status line never
// moves the table, `c` offers the open cases, and the analyst's name is set from the page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open.js';
import { addScoredRun, cloudwatchLine, importLines, openWorkspace } from '../integration/triage/harness.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { questionsAnswered } from './page-answered.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = '/work/notes/shots';
const IPS = ['203.0.113.10', '198.51.100.20', '192.0.2.30'];

let dir: string;
let dbPath: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];
/** Session ids per source IP, highest score first. */
const idsOf: Record<string, number[]> = {};

const rowIds = () =>
  page
    .getByTestId('triage-row')
    .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.session)));
const focused = async () =>
  Number(await page.locator('[data-testid="triage-row"][aria-selected="true"]').getAttribute('data-session'));
const settled = () => page.locator('[data-testid="view-triage"][data-pending="0"]').waitFor();
// What a verdict changes shows once the queue is read again after it: a round trip that takes over
// expect.poll's one second on a loaded machine. These wait (Playwright's 30 s) for the state itself.
const row = (id: number) => page.locator(`[data-testid="triage-row"][data-session="${id}"]`);
const leftToJudge = (n: number) => page.locator(`[data-testid="triage-total"][data-total="${n}"]`).waitFor();
const group = (ip: string) => page.locator(`[data-testid="triage-group"][data-ip="${ip}"]`);

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-queue-'));
  const ws = openWorkspace(dir);
  dbPath = ws.dbPath;
  const lines = IPS.flatMap((srcIp, g) =>
    [0, 1, 2, 3].map((i) => cloudwatchLine({ srcIp, start: `2024-04-25T2${g}:0${i}:00Z` })),
  );
  const ids = await importLines(ws, lines);
  IPS.forEach((ip, g) => {
    idsOf[ip] = ids.slice(g * 4, g * 4 + 4);
  });
  addScoredRun(
    ws.db,
    'iforest',
    ids.map((id, i) => [id, 0.99 - i / 100]),
  );
  ws.db.close();
  serve = await startServe(dbPath, ['--no-sample']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  errors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-triage').click();
  await page.getByTestId('triage-row').nth(11).waitFor();
  // The rows may come before the detection set's name, which widens the bar above them.
  await questionsAnswered(page);
});

afterAll(async () => {
  await browser?.close();
  expect(await serve?.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a triage queue that empties', () => {
  it('starts on what is not yet judged, grouped by source IP, with the count left', async () => {
    expect(await page.getByTestId('triage-verdict-filter').inputValue()).toBe('none');
    expect(await page.getByTestId('triage-total').textContent()).toMatch(/^12 left to judge/);
    const groups = await page
      .getByTestId('triage-group')
      .evaluateAll((g) => g.map((e) => (e as HTMLElement).dataset.ip));
    expect(groups).toEqual(IPS);
    expect(await focused()).toBe(idsOf[IPS[0]!]![0]);
  });

  it('moves focus on after each verdict, judged rows leave, and the status line never moves the table', async () => {
    const table = page.getByTestId('triage-queue');
    const top = (await table.boundingBox())!.y;
    const [a1, a2, a3, a4] = idsOf[IPS[0]!]!;
    await page.keyboard.press('m');
    await page.getByTestId('triage-message').getByText(`malicious: session ${a1} (1 changed)`).waitFor();
    expect((await table.boundingBox())!.y).toBe(top);
    await row(a1!).waitFor({ state: 'detached' });
    expect(await focused()).toBe(a2);
    await page.keyboard.press('b');
    await page.keyboard.press('r');
    await settled();
    await leftToJudge(9);
    expect(await focused()).toBe(a4);
    expect(await rowIds()).not.toContain(a2);
    expect(await rowIds()).not.toContain(a3);
    expect((await table.boundingBox())!.y).toBe(top);
  });

  it('folds a group away, and judges a whole group from its heading', async () => {
    await group(IPS[1]!).getByTestId('triage-group-toggle').click();
    await row(idsOf[IPS[1]!]![0]!).waitFor({ state: 'detached' });
    await group(IPS[2]!).getByTestId('group-benign').click();
    await settled();
    await leftToJudge(5);
    expect(await group(IPS[2]!).count()).toBe(0);
  });

  it('signs verdicts with the name set in the page', async () => {
    await page.getByTestId('analyst-change').click();
    await page.getByTestId('analyst-input').fill('Ana Lyst');
    await page.getByTestId('analyst-save').click();
    await page.getByTestId('analyst-name').getByText('Ana Lyst').waitFor();
    const a4 = idsOf[IPS[0]!]![3]!;
    await page.locator(`[data-testid="triage-row"][data-session="${a4}"]`).click();
    await page.keyboard.press('m');
    await settled();
    const db = openDatabase(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT analyst FROM verdicts WHERE session_id = ?').pluck().get(a4)).toBe(
        'Ana Lyst',
      );
    } finally {
      db.close();
    }
  });

  it('offers the open cases on c and adds the focused session to the one picked', async () => {
    // The first group is judged whole now and leaves once the queue is asked again: until then its
    // heading is still first, so the folded group is unfolded by its address, once it is the only one.
    await group(IPS[0]!).waitFor({ state: 'detached' });
    const groups = await page
      .getByTestId('triage-group')
      .evaluateAll((g) => g.map((e) => (e as HTMLElement).dataset.ip));
    expect(groups).toEqual([IPS[1]]);
    await group(IPS[1]!).getByTestId('triage-group-toggle').click();
    await expect.poll(() => page.getByTestId('triage-row').count()).toBe(4);
    await page.keyboard.press('c');
    await page.getByTestId('triage-prompt').fill('Scanner at the edge');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('triage-message')
      .getByText(/in case 1: Scanner at the edge/)
      .waitFor();
    await page.keyboard.press('j');
    const second = await focused();
    await page.keyboard.press('c');
    const pick = page.getByTestId('case-pick');
    await pick.first().waitFor();
    expect(await pick.allTextContents()).toEqual(['#1 Scanner at the edge']);
    await page.screenshot({ path: path.join(SHOTS, 'triage-case-picker.png') });
    await pick.first().click();
    await page
      .getByTestId('triage-message')
      .getByText(`session ${second} in case 1: Scanner at the edge`)
      .waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'triage.png') });
    expect(errors).toEqual([]);
  });
});
