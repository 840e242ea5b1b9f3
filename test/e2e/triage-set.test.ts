// The default triage queue is the detection set (issue 18 §2), in Debian Chromium against serve
// mode: its count is the Overview's Flagged tile for the same filter and set, a session only a rule
// flagged is in it with its rule as the reason, and switching a kind off takes its sessions out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { switchKindOff } from '../../src-main/core/db/detection-set.js';
import { openDatabase } from '../../src-main/core/db/open.js';
import { RULE_LEVELS } from '../../src-shared/rules.js';
import { addScoredRun, cloudwatchLine, importLines, openWorkspace } from '../integration/triage/harness.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { kpi } from './overview-page.js';
import { assertBuilt, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = '/work/notes/shots';

let dir: string;
let dbPath: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];
let ruleOnly: number;

const queueTotal = async () => {
  await page.locator('[data-testid="view-triage"][data-pending="0"]').waitFor();
  return Number(await page.getByTestId('triage-total').getAttribute('data-total'));
};
const kpisSettled = () =>
  page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid="kpis"]')?.dataset.loading === 'false',
  );

async function overviewFlagged(): Promise<number> {
  await page.getByTestId('nav-overview').click();
  await kpisSettled();
  return kpi(page, 'flagged');
}

async function triageTotal(): Promise<number> {
  await page.getByTestId('nav-triage').click();
  await page.getByTestId('triage-total').waitFor();
  return queueTotal();
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-triage-set-'));
  const ws = openWorkspace(dir);
  dbPath = ws.dbPath;
  const ips = ['10.0.0.1', '10.0.0.2', '192.0.2.7', '198.51.100.3'];
  const lines = ips.flatMap((srcIp, g) =>
    [0, 1, 2, 3, 4].map((i) => cloudwatchLine({ srcIp, start: `2024-04-25T2${g}:0${i}:00Z` })),
  );
  const ids = await importLines(ws, lines);
  // rf flags the first 6 sessions, the Isolation Forest sessions 4–11 (two overlap), and a high
  // rule hits session 15, which no model flags.
  addScoredRun(
    ws.db,
    'rf',
    ids.map((id, i) => [id, i < 6 ? 0.95 - i / 100 : 0.1]),
  );
  addScoredRun(
    ws.db,
    'iforest',
    ids.map((id, i) => [id, i >= 4 && i < 12 ? 0.9 - i / 100 : 0.2]),
  );
  ruleOnly = ids[15]!;
  const high = RULE_LEVELS.indexOf('high');
  const set = ws.db
    .prepare(`INSERT INTO rule_sets (source, kind, added_at) VALUES ('e2e pack', 'pack', 0)`)
    .run().lastInsertRowid;
  const rule = ws.db
    .prepare(`INSERT INTO rules (set_id, rule_id, title, level) VALUES (?, 'web-lfi', 'Path traversal', ?)`)
    .run(set, high).lastInsertRowid;
  ws.db
    .prepare(
      `INSERT INTO rule_hits (session_id, rule, level, start_ts, field, value) VALUES (?, ?, ?, 0, 'path', '/../etc/passwd')`,
    )
    .run(ruleOnly, rule, high);
  ws.db.close();
  serve = await startServe(dbPath, ['--no-sample']);
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

describe('the triage queue is the detection set', () => {
  it('counts what the Overview counts as flagged, with and without a filter', async () => {
    const flagged = await overviewFlagged();
    expect(flagged).toBe(13);
    expect(await triageTotal()).toBe(flagged);
    expect(await page.getByTestId('triage-total').textContent()).toMatch(
      /by rf #1 \+ iforest #2 \+ rules ≥ high/,
    );

    await page.getByTestId('filter-input').fill('src:10.0.0.0/8');
    await page.getByTestId('filter-input').press('Enter');
    // The unfiltered count stays until the filtered queue has answered.
    await page.locator('[data-testid="triage-total"][data-total="10"]').waitFor();
    expect(await queueTotal()).toBe(10);
    expect(await overviewFlagged()).toBe(10);
    await page.getByTestId('filter-input').fill('');
    await page.getByTestId('filter-input').press('Enter');
    expect(await overviewFlagged()).toBe(13);
  }, 60_000);

  it('holds a session only a rule flagged, and says which rule matched what', async () => {
    await page.getByTestId('nav-triage').click();
    const row = page.locator(`[data-testid="triage-row"][data-session="${ruleOnly}"]`);
    await row.click();
    expect(await row.locator('td.num').textContent()).toBe('rule');
    expect(await page.getByTestId('flag-reasons').textContent()).toBe(
      'rule “Path traversal” (high) matched path = /../etc/passwd',
    );
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'triage-set.png') });
  }, 60_000);

  it('drops the sessions of a kind switched off', async () => {
    const db = openDatabase(dbPath);
    switchKindOff(db, 'iforest');
    db.close();
    await page.reload();
    const flagged = await overviewFlagged();
    // rf's 6 and the rule's 1: the Isolation Forest's 6 of its own are gone.
    expect(flagged).toBe(7);
    expect(await triageTotal()).toBe(flagged);
    expect(errors).toEqual([]);
  }, 60_000);
});
