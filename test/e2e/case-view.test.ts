// The Case view and its HTML report in Debian Chromium against `vigil serve` (issue 18 §7): the
// case list, header and Activity give one count of the sessions the case holds; the mini IP graph
// draws across its panel; the report of a bulk verdict reads summary, indicators, then a short
// timeline. Screenshots at 1600×1000 go to SHOTS for a person to look at.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../../src-shared/count-words.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { inkBounds } from './ink-bounds.js';
import { assertBuilt, ROOT, type ServeProcess, signInAt, startServe } from './serve-process.js';

const SHOTS = process.env.VIGIL_SHOTS ?? path.join(ROOT, 'test-results', 'screenshots');
const CLI = path.join(ROOT, 'bin', 'vigil.js');

let dir: string;
let db: string;
let browser: Browser;
let serve: ServeProcess;
let held = 0;
/** Servers a test starts for itself: stopped at the end even when the test fails before its own stop. */
const ownServers: ServeProcess[] = [];
async function startOwnServe(): Promise<ServeProcess> {
  const own = await startServe(db, ['--no-sample']);
  ownServers.push(own);
  return own;
}

function vigil(...args: string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigil ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

async function openPage(hash: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = collectPageErrors(page);
  await signInAt(page, serve.url, hash);
  return { page, errors };
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-case-'));
  db = path.join(dir, 'case.db');
  const csv = path.join(dir, 'traffic.csv');
  vigil('generate', '--rows', '4000', '--seed', '11', '--days', '2', '--attack-rate', '0.08', '--out', csv);
  vigil('ingest', csv, '--db', db);
  const read = new Database(db, { readonly: true });
  const [first, second] = read
    .prepare('SELECT src_ip FROM sessions GROUP BY src_ip ORDER BY count(*) DESC, src_ip LIMIT 2')
    .pluck()
    .all() as string[];
  const lone = read
    .prepare('SELECT id FROM sessions WHERE src_ip NOT IN (?, ?) LIMIT 1')
    .pluck()
    .get(first, second);
  read.close();
  if (!first || !second) throw new Error('no source IPs generated');
  vigil(
    'case',
    'create',
    '--db',
    db,
    '--title',
    'Scanner on the web tier',
    '--severity',
    'high',
    '--ip',
    first,
    '--ip',
    second,
    '--session',
    String(lone),
  );
  vigil('case', 'update', '1', '--db', db, '--summary', 'Two hosts scanned the web tier for two days.');
  vigil('verdict', '--db', db, '--ip', first, '--verdict', 'malicious', '--note', 'one scanner');
  const count = new Database(db, { readonly: true });
  held = count
    .prepare('SELECT count(*) FROM sessions WHERE src_ip IN (?, ?) OR dst_ip IN (?, ?) OR id = ?')
    .pluck()
    .get(first, second, first, second, lone) as number;
  count.close();
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium({ webgl: true });
  serve = await startServe(db, ['--no-sample']);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(ownServers.map((own) => own.stop()));
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Case view', () => {
  it('gives one count of held sessions, draws the mini graph across its panel, themes every text box', async () => {
    const { page, errors } = await openPage('#/cases/1');
    const words = `${formatCount(held)} sessions`;
    await page.getByTestId('case-session-total').waitFor();
    expect(held).toBeGreaterThan(100);
    // The case list is a question of its own, which may answer after the case and its activity.
    await page.getByTestId('case-list').locator('li', { hasText: words }).waitFor();
    expect(await page.getByTestId('case-counts').textContent()).toContain(
      `holds ${words} (1 session and 2 IPs added)`,
    );
    expect(await page.getByTestId('case-session-total').textContent()).toContain(words);

    const graph = page.getByTestId('case-graph');
    await page.locator('[data-testid="case-graph"][data-state="drawn"]').waitFor();
    await graph.scrollIntoViewIfNeeded();
    // Sigma draws on the next frames: wait until its canvases have been painted twice (frames, not
    // a fixed time a loaded machine may not reach them in).
    await page.evaluate(
      () => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))),
    );
    const ink = await inkBounds(browser, await graph.screenshot());
    // Nodes and labels reach across most of the panel, not a knot in its middle.
    expect(ink.right - ink.left, JSON.stringify(ink)).toBeGreaterThan(0.6);
    expect(ink.bottom - ink.top, JSON.stringify(ink)).toBeGreaterThan(0.5);
    // The view scrolls, not the window: back to the top for the screenshot.
    await page.getByTestId('case-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'case-view.png') });
    await graph.screenshot({ path: path.join(SHOTS, 'case-graph.png') });

    // The add-tag box has no type attribute; the theme's rule once matched only type="text", so it
    // was the browser's own dark-scheme box (rgb(59, 59, 59), its own border and padding) beside
    // the themed ones.
    const boxes = await page.evaluate(() => {
      const resolve = (name: string) => {
        const probe = document.createElement('div');
        probe.style.background = `var(${name})`;
        document.body.append(probe);
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return colour;
      };
      const theme = [resolve('--surface'), resolve('--surface-2'), resolve('--bg')];
      return [...document.querySelectorAll('input:not([type=checkbox]):not([type=hidden]), textarea')].map(
        (box) => ({
          box: box.getAttribute('data-testid') ?? box.outerHTML.slice(0, 60),
          themed: theme.includes(getComputedStyle(box).backgroundColor),
        }),
      );
    });
    expect(boxes.map((b) => b.box)).toContain('case-tag-input');
    expect(boxes.filter((b) => !b.themed)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('exports an HTML report that opens on summary, indicators and a short timeline', async () => {
    const out = path.join(dir, 'case.html');
    vigil('report', '--db', db, '--case', '1', '--format', 'html', '--out', out);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`file://${out}`);
    const top = (text: string) =>
      page
        .locator('h2', { hasText: text })
        .first()
        .evaluate((h) => h.getBoundingClientRect().top);
    expect(await top('Summary')).toBeLessThan(await top('Indicators'));
    expect(await top('Indicators')).toBeLessThan(await top('Timeline'));
    expect(await top('Timeline')).toBeLessThan(1000);
    const verdicts = page.locator('table.timeline tr', { hasText: 'verdict: malicious' });
    expect(await verdicts.count()).toBe(1);
    expect(await verdicts.textContent()).toMatch(
      // The IP's sessions are not one run of ids: the entry names the bounds they lie between.
      /\d+ sessions \(ids between \d+ and \d+\) from 1 source IP: .* — one scanner/,
    );
    await page.screenshot({ path: path.join(SHOTS, 'case-report.png') });
    await page.close();
  }, 60_000);

  // A closed case is finished evidence: the core refuses changing its sessions and IPs, and the
  // page offers no add or remove on it (before, "Add an IP" and × worked on a closed case). Runs
  // last: it closes case 1, and opens it again.
  it('offers no add or remove of items on a closed case, and offers them again once reopened', async () => {
    // The first page used the serve link (one browser per link): a server of its own for this one.
    const own = await startOwnServe();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = collectPageErrors(page);
    await page.goto(`${own.url}#/cases/1`);
    const addIp = page.getByLabel('IP to add');
    await addIp.waitFor();
    await page.getByTestId('case-status').selectOption('closed');
    await page.getByTestId('case-items-closed').waitFor();
    expect(await addIp.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Remove from case' }).count()).toBe(0);
    // A closing note stays possible.
    expect(await page.getByPlaceholder('Add a note').count()).toBe(1);
    // The core refuses it whatever asks: here the command line, on the same database.
    const refused = spawnSync(process.execPath, [CLI, 'case', 'add', '1', '--ip', '192.0.2.99', '--db', db], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Case 1 is closed: reopen it (vigil case update 1 --status open)');

    await page.getByTestId('case-status').selectOption('open');
    await addIp.waitFor();
    expect(await page.getByTestId('case-items-closed').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Remove from case' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
    expect(await own.stop()).toBe(0);
  }, 90_000);
  it('refuses a summary saved from a stale tab and keeps its draft, instead of overwriting the other tab', async () => {
    const own = await startOwnServe();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const first = await context.newPage();
    const errors = collectPageErrors(first);
    await first.goto(`${own.url}#/cases/1`);
    // The second tab shares the first one's cookie, as a tab the analyst opens beside it does.
    const second = await context.newPage();
    await second.goto(`${new URL(own.url).origin}/#/cases/1`);
    const edit = (page: Page) => page.getByRole('button', { name: 'Edit summary' }).click();
    const box = (page: Page) => page.locator('textarea.case-summary-edit');
    await edit(first);
    await edit(second);
    await box(second).fill('Second tab: the scanner is a contracted pentest.');
    await second.getByRole('button', { name: 'Save summary' }).click();
    await box(second).waitFor({ state: 'detached' });
    await box(first).fill('First tab, from the old summary.');
    await first.getByRole('button', { name: 'Save summary' }).click();
    await first.getByText(/The summary of case 1 was changed by .* since you began editing it/).waitFor();
    await first.screenshot({ path: path.join(SHOTS, 'case-stale-summary.png') });
    // The draft stays in its box, and the other tab's summary is what the case holds.
    expect(await box(first).inputValue()).toBe('First tab, from the old summary.');
    expect(vigil('case', 'show', '1', '--db', db)).toContain(
      'Second tab: the scanner is a contracted pentest.',
    );
    // The refusal is a conflict (409) the browser logs as a failed load, not a server failure.
    expect(errors).toEqual([expect.stringMatching(/^Failed to load resource: .* 409 \(Conflict\)/)]);
    await context.close();
    expect(await own.stop()).toBe(0);
  }, 90_000);

  it('refuses a status picked on a page that still shows the case open after another closed it', async () => {
    const own = await startOwnServe();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = collectPageErrors(page);
    // No events reach this page: it stays as it was shown, as a tab does until the other tab's
    // change reaches it (or a second analyst's, whose server it never hears from).
    await page.route('**/api/events', (route) => route.abort());
    await page.goto(`${own.url}#/cases/1`);
    const status = page.getByTestId('case-status');
    await page.getByRole('button', { name: 'Remove from case' }).first().waitFor();
    expect(await status.inputValue()).toBe('open');
    vigil('case', 'update', '1', '--db', db, '--status', 'closed');
    await status.selectOption('in_progress');
    await page
      .getByText(/The status of case 1 was changed by .* since your page showed it: yours is not saved/)
      .waitFor();
    // The page asks for the case again: its menu shows what the case holds now, not the refused pick.
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-testid="case-status"]') as HTMLSelectElement | null)?.value ===
        'closed',
    );
    await page.screenshot({ path: path.join(SHOTS, 'case-stale-status.png') });
    expect(vigil('case', 'show', '1', '--db', db)).toMatch(/· closed ·/);
    expect(
      errors.filter((e) => e !== 'Failed to load resource: net::ERR_FAILED') /* the events, cut */,
    ).toEqual([expect.stringMatching(/^Failed to load resource: .* 409 \(Conflict\)/)]);
    vigil('case', 'update', '1', '--db', db, '--status', 'open');
    await page.close();
    expect(await own.stop()).toBe(0);
  }, 90_000);
});
