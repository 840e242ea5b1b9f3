import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import {
  assertBuilt,
  ROOT,
  type ServeProcess,
  scoredFlowsDb,
  signInAt,
  startServe,
  vigilCli,
} from './serve-process.js';
import { classicQueue } from './triage-page.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const _CLI = path.join(ROOT, 'bin', 'vigil.js');

let dir: string;
let db: string;
let browser: Browser;
let serve: ServeProcess | null = null;

async function open(hash: string): Promise<{ page: Page; errors: string[] }> {
  // One server at a time: each test starts its own on the same database.
  if (serve) expect(await serve.stop()).toBe(0);
  serve = await startServe(db, ['--no-sample']);
  const context = await browser.newContext({
    viewport: { width: 1500, height: 1000 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInAt(page, serve.url, hash);
  return { page, errors };
}

/** Every queued action answered by the core (the view's own count of calls in flight). */
const settled = (page: Page) => page.locator('[data-testid="view-triage"][data-pending="0"]').waitFor();

async function verdictsOf(page: Page, ids: number[]): Promise<Record<number, string>> {
  const out: Record<number, string> = {};
  for (const id of ids)
    out[id] =
      (await page.locator(`[data-testid="triage-row"][data-session="${id}"]`).getAttribute('data-verdict')) ??
      '';
  return out;
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-triage-'));
  db = scoredFlowsDb(dir, 'triage.db', { rows: 3000, seed: 11, days: 2, attackRate: 0.05 });
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium({ webgl: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Triage by keyboard', () => {
  const expected: Record<number, string> = {};
  let ids: number[] = [];
  let firstIp = '';

  it('judges 20 flagged sessions with j/k, m/b/r, x + Shift, and undo', async () => {
    const { page, errors } = await open('#/triage');
    await classicQueue(page);
    await page.locator('[data-testid="triage-row"]').nth(24).waitFor();
    ids = (await page
      .locator('[data-testid="triage-row"]')
      .evaluateAll((rows) =>
        rows.slice(0, 20).map((r) => Number((r as HTMLElement).dataset.session)),
      )) as number[];
    firstIp =
      (await page.locator('[data-testid="triage-focus"] p').first().textContent())
        ?.split(' · ')[1]
        ?.split(' → ')[0] ?? '';
    const keys = ['m', 'b', 'r'];
    // Rows 0–15: one verdict key each, then j to the next row.
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press(keys[i % 3]!);
      expected[ids[i]!] = ['malicious', 'benign', 'review'][i % 3]!;
      await page.keyboard.press('j');
    }
    // Undo the last one (row 15): shown at once, and the core reverses it.
    await page.keyboard.press('u');
    await settled(page);
    // Polled, not read once: the rows are final when the reload that the action's data-changed
    // event starts has answered, which may be after the action itself settled.
    await expect.poll(() => verdictsOf(page, [ids[15]!]), { timeout: 5000 }).toEqual({ [ids[15]!]: '' });
    await page.getByTestId('triage-message').getByText(/Undid/).waitFor();
    delete expected[ids[15]!];
    // Focus went back to the session whose verdict was undone (row 15), off the row j moved to.
    expect(
      await page.locator('[data-testid="triage-row"][aria-selected="true"]').getAttribute('data-session'),
    ).toBe(String(ids[15]));
    await page.keyboard.press('j');
    // Rows 16–19: selected with x, then one Shift+B for the selection.
    for (let i = 16; i < 20; i++) {
      await page.keyboard.press('x');
      await page.keyboard.press('j');
      expected[ids[i]!] = 'benign';
    }
    await page.keyboard.press('Shift+B');
    await settled(page);
    // Back up to row 15 with k and give it its verdict again.
    for (let i = 20; i > 15; i--) await page.keyboard.press('k');
    await page.keyboard.press('r');
    expected[ids[15]!] = 'review';
    await settled(page);
    await expect.poll(() => verdictsOf(page, ids), { timeout: 5000 }).toEqual(expected);
    await page.getByTestId('drawer-history').waitFor();
    // 5 malicious verdicts are too few to learn from: the refusal says so, with the counts.
    await page.getByTestId('retrain-button').click();
    const refusal = page.getByTestId('retrain-refusal');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/only 5 malicious sessions among 1[0-9] labelled ones/);
    await page.screenshot({ path: path.join(SHOTS, 'triage.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps every verdict across a restart of the server', async () => {
    expect(await serve!.stop()).toBe(0);
    serve = null;
    const { page } = await open('#/triage');
    await classicQueue(page);
    await page
      .locator(`[data-testid="triage-row"][data-session="${ids[19]}"][data-verdict="benign"]`)
      .waitFor();
    expect(await verdictsOf(page, ids)).toEqual(expected);
    await page.context().close();
  });

  it('makes a case from an IP and downloads its HTML report', async () => {
    expect(firstIp).toMatch(/^[\d.:a-f]+$/);
    const { page, errors } = await open(`#/cases/new?ip=${encodeURIComponent(firstIp)}`);
    await page.getByTestId('case-new').waitFor();
    expect(await page.getByTestId('case-ips-input').inputValue()).toBe(firstIp);
    await page.getByTestId('case-title-input').fill('Scan from one source <b>x</b>');
    await page.getByTestId('case-create').click();
    await page.getByTestId('case-title').getByText('Scan from one source <b>x</b>').waitFor();
    await page.locator('[data-testid="case-graph"][data-state]').waitFor();
    expect(
      await page.getByTestId('case-graph').getAttribute('data-state'),
      (await page.getByTestId('case-graph').textContent()) ?? '',
    ).toBe('drawn');
    await page.locator('[data-testid="case-series"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('case-indicators').textContent()).toContain(firstIp);
    // The summary is Markdown rendered from text: markup in it stays text.
    await page.getByRole('button', { name: 'Edit summary' }).click();
    await page
      .locator('.case-summary-edit')
      .fill('# Findings\n- **beacon** every 60 s <img src=x onerror="window.__pwned=1">');
    await page.getByRole('button', { name: 'Save summary' }).click();
    await page.getByTestId('case-summary').locator('h3', { hasText: 'Findings' }).waitFor();
    expect(await page.getByTestId('case-summary').locator('strong').textContent()).toBe('beacon');
    expect(await page.getByTestId('case-summary').locator('img').count()).toBe(0);
    await page.getByPlaceholder('Add a note').fill('handed to IR');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('case-notes').getByText('handed to IR').waitFor();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: path.join(SHOTS, 'cases.png'), fullPage: true });
    await page.getByTestId('case-notes').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'cases-lower.png') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-html').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^case-\d+\.html$/);
    const file = path.join(dir, 'report.html');
    await download.saveAs(file);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('Scan from one source &lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain(firstIp);
    await page
      .getByTestId('export-status')
      .getByText(/Downloaded case-\d+\.html/)
      .waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('retrains a Random Forest on verdicts and offers the sessions to label next', async () => {
    // Verdicts for 15 attack and 15 benign sessions, from the generated (hidden) labels.
    const reader = new Database(db, { readonly: true });
    const pick = (where: string) =>
      reader
        .prepare(
          `SELECT id FROM sessions WHERE ${where} AND id NOT IN (SELECT session_id FROM verdicts) LIMIT 15`,
        )
        .pluck()
        .all() as number[];
    const attacks = pick("label <> 'benign'");
    const benign = pick("label = 'benign'");
    reader.close();
    vigilCli(
      'verdict',
      '--db',
      db,
      ...attacks.flatMap((id) => ['--session', String(id)]),
      '--verdict',
      'malicious',
    );
    vigilCli(
      'verdict',
      '--db',
      db,
      ...benign.flatMap((id) => ['--session', String(id)]),
      '--verdict',
      'benign',
    );
    const { page, errors } = await open('#/triage');
    await page.locator('[data-testid="triage-row"]').first().waitFor();
    await page.getByTestId('retrain-button').click();
    await page
      .getByTestId('triage-message')
      .getByText(/Retrained: run \d+ scored every session/)
      .waitFor({ timeout: 120_000 });
    await page.getByTestId('label-next').check();
    const total = page.locator('[data-testid="triage-total"]', { hasText: 'least sure about' });
    await total.waitFor();
    expect(await total.textContent()).toMatch(/run \d+ \(rf\)/);
    expect(Number(await total.getAttribute('data-total'))).toBeGreaterThan(0);
    // A suggestion is judged like any queue row, and stays in the batch while it is labelled.
    const first = page.locator('[data-testid="triage-row"]').first();
    const id = await first.getAttribute('data-session');
    await page.keyboard.press('m');
    await settled(page);
    expect(
      await page.locator(`[data-testid="triage-row"][data-session="${id}"]`).getAttribute('data-verdict'),
    ).toBe('malicious');
    await page.screenshot({ path: path.join(SHOTS, 'triage-label-next.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
