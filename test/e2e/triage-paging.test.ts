// The default triage queue (not yet judged, grouped by source IP) in Debian Chromium against serve
// mode, where judged rows leave under the analyst: a selection holds only rows still shown, so a
// later Shift+verdict never lands on sessions judged and gone; and a last page the analyst judged
// empty goes back to the rows left, instead of saying the queue is empty; and focus moves on to the
// row after the judged ones.
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

// 21 source IPs with 5 sessions each: 105 flagged sessions, one more page than the 100 shown.
const IPS = Array.from({ length: 21 }, (_, i) => `198.51.100.${i + 1}`);
const PER_IP = 5;

let dir: string;
let dbPath: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];
let ids: number[];

const settled = () => page.locator('[data-testid="view-triage"][data-pending="0"]').waitFor();
const row = (id: number) => page.locator(`[data-testid="triage-row"][data-session="${id}"]`);
const total = async () => Number(await page.getByTestId('triage-total').getAttribute('data-total'));
const leftToJudge = (n: number) => page.locator(`[data-testid="triage-total"][data-total="${n}"]`).waitFor();
const focused = async () =>
  Number(await page.locator('[data-testid="triage-row"][aria-selected="true"]').getAttribute('data-session'));

function verdictOf(id: number): string | null {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT verdict FROM verdicts WHERE session_id = ?').pluck().get(id) ?? null) as
      | string
      | null;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-paging-'));
  const ws = openWorkspace(dir);
  dbPath = ws.dbPath;
  const lines = IPS.flatMap((srcIp, g) =>
    Array.from({ length: PER_IP }, (_, i) =>
      cloudwatchLine({ srcIp, start: `2024-04-25T${String(g).padStart(2, '0')}:0${i}:00Z` }),
    ),
  );
  ids = await importLines(ws, lines);
  // Scores fall in file order: the groups come in IP order, each one's sessions in file order.
  addScoredRun(
    ws.db,
    'iforest',
    ids.map((id, i) => [id, 0.99 - i / 1000]),
  );
  ws.db.close();
  serve = await startServe(dbPath, ['--no-sample']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  errors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-triage').click();
  await page.getByTestId('triage-row').nth(99).waitFor();
  await questionsAnswered(page);
});

afterAll(async () => {
  await browser?.close();
  expect(await serve?.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a queue whose rows leave as they are judged', () => {
  it('forgets selected sessions once judged rows leave: the next Shift+verdict is on the new selection only', async () => {
    const [s1, s2, s3] = ids as [number, number, number];
    expect(await focused()).toBe(s1);
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('Shift+M');
    await settled();
    await row(s1).waitFor({ state: 'detached' });
    await row(s2).waitFor({ state: 'detached' });
    await leftToJudge(ids.length - 2);
    // Nothing shown is ticked, so nothing is selected: no "new case from 2 selected".
    expect(await page.getByTestId('selection-new-case').count()).toBe(0);
    // Focus was on s2: it moves to the row after it, s3 (not to the second row left, s4).
    expect(await focused()).toBe(s3);
    await page.keyboard.press('x');
    await page.keyboard.press('Shift+B');
    await settled();
    await page.getByTestId('triage-message').getByText(`benign: session ${s3} (1 changed)`).waitFor();
    expect([verdictOf(s1), verdictOf(s2), verdictOf(s3)]).toEqual(['malicious', 'malicious', 'benign']);
    expect(errors).toEqual([]);
  });

  it('keeps the focused row and the selection when the filter bar applies the filter it already has', async () => {
    const shown = await page
      .getByTestId('triage-row')
      .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.session)));
    const target = shown[3]!;
    await row(target).click();
    await page.keyboard.press('x');
    await page.getByTestId('selection-new-case').waitFor();
    // Enter in the bar with nothing changed: the same filter, so the queue is where it was.
    await page.getByTestId('filter-input').press('Enter');
    await questionsAnswered(page);
    expect(await focused()).toBe(target);
    expect(await page.getByTestId('selection-new-case').count()).toBe(1);
    await row(target).click();
    await page.keyboard.press('x');
    await page.getByTestId('selection-new-case').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('goes back to the rows left when the analyst judges the last page empty', async () => {
    await page.getByTestId('triage-pager-next').click();
    await page
      .getByTestId('triage-pager')
      .getByText(`101–${await total()} of ${await total()}`)
      .waitFor();
    // The pager moves at once; the first page's rows stay shown until the last page's answer came.
    await questionsAnswered(page);
    const onLast = await page
      .getByTestId('triage-row')
      .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.session)));
    expect(onLast.length).toBeGreaterThan(0);
    for (const id of onLast) {
      expect(await focused()).toBe(id);
      await page.keyboard.press('b');
      await settled();
      await row(id).waitFor({ state: 'detached' });
    }
    await leftToJudge(100);
    // The 100 sessions left fill the first page again; nothing says the queue is empty.
    await page.getByTestId('triage-row').nth(99).waitFor();
    expect(await page.getByTestId('triage-none').count()).toBe(0);
    expect(await page.getByTestId('triage-row').count()).toBe(100);
    expect(errors).toEqual([]);
  });

  it('moves focus to the first row after a judged group, not to the row that takes its place', async () => {
    // Left from the tests above: ids[3..102]; the second group is ids[5..9], the third ids[10..14].
    const group = (ip: string) => page.locator(`[data-testid="triage-group"][data-ip="${ip}"]`);
    await row(ids[7]!).click();
    expect(await focused()).toBe(ids[7]);
    await group(IPS[1]!).getByTestId('group-benign').click();
    await settled();
    await leftToJudge(95);
    await row(ids[7]!).waitFor({ state: 'detached' });
    expect(await focused()).toBe(ids[10]);
    expect(errors).toEqual([]);
  });

  it('says a filtered queue judged empty is done, not that the filter matches no flagged session', async () => {
    const filter = async (text: string) => {
      await page.getByTestId('filter-input').fill(text);
      await page.getByTestId('filter-input').press('Enter');
    };
    // The third source IP: 5 flagged sessions, none judged yet.
    await filter(`src:${IPS[2]}`);
    await leftToJudge(PER_IP);
    await page
      .locator(`[data-testid="triage-group"][data-ip="${IPS[2]}"]`)
      .getByTestId('group-benign')
      .click();
    await settled();
    await leftToJudge(0);
    const none = page.getByTestId('triage-none');
    await none.getByText('Every flagged session that matches the filter has a verdict.').waitFor();
    // An address no session comes from: nothing flagged matches at all.
    await filter('src:192.0.2.1');
    await none.getByText('No flagged session here matches the filter.').waitFor();
    await filter('');
    await leftToJudge(90);
    expect(errors).toEqual([]);
  });

  it('explains the order shown: by source IP while grouped, by score when not', async () => {
    const title = () => page.getByTestId('triage-total').getAttribute('title');
    const set = 'Flagged by the detection set (iforest #1 + rules ≥ high), the best score first.';
    expect(await title()).toBe(
      `${set} Grouped by source IP: the source with the best score first, each with its sessions by score.`,
    );
    await page.getByLabel('group by source IP').uncheck();
    await page.getByTestId('triage-group').first().waitFor({ state: 'detached' });
    expect(await title()).toBe(set);
    expect(errors).toEqual([]);
  });
});
