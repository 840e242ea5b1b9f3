// Web requests in Debian Chromium against `vigil serve` (production build): a generated access log
// (with the shipped rules run at import) shows its request panels and rule hits on the Overview;
// `ua:` and `sigma:` filter it; a session's drawer shows its request with the matched value marked;
// the session goes into a case whose HTML report holds the request. Screenshots at 1600×1000 of
// the Overview, Sessions with the drawer open, and the Graph side panel of the busiest attacker.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { filterTo as applyFilter } from './filter-page.js';
import { questionsAnswered, UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const CLI = path.join(ROOT, 'bin', 'vigil.js');

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];

function vigil(...args: string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigil ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

const filterTo = (text: string) => applyFilter(page, text);
const rowsOf = (testId: string) => page.getByTestId(testId).locator('li');

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-web-'));
  const log = path.join(dir, 'access.log');
  const db = path.join(dir, 'web.db');
  vigil(
    'generate',
    '--format',
    'combined',
    '--rows',
    '4000',
    '--seed',
    '17',
    '--days',
    '2',
    '--attack-rate',
    '0.08',
    '--out',
    log,
  );
  vigil('ingest', log, '--db', db);
  fs.mkdirSync(SHOTS, { recursive: true });
  serve = await startServe(db, ['--no-sample']);
  browser = await launchChromium({ webgl: true });
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    colorScheme: 'dark',
    acceptDownloads: true,
  });
  page = await context.newPage();
  errors = collectPageErrors(page);
  await page.goto(serve.url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('web requests in the app', () => {
  it('shows the request panels and rule hits on the Overview', async () => {
    await page.getByTestId('web-panels').waitFor();
    await page.locator('[data-testid="chart-status-classes"] [data-drawn="true"]').waitFor();
    expect(await rowsOf('top-paths').count()).toBeGreaterThan(3);
    expect(await rowsOf('methods').first().textContent()).toMatch(/^GET[\d,]+$/);
    const classes = await page.getByTestId('ua-classes').textContent();
    for (const name of ['browser', 'bot', 'tool', 'empty']) expect(classes).toContain(name);
    await page.getByTestId('rule-hit-panels').waitFor();
    await page.locator('[data-testid="chart-rule-hits"] [data-drawn="true"]').waitFor();
    expect(await rowsOf('top-rules').count()).toBeGreaterThan(0);
    // The view scrolls inside the shell: one viewport per group of panels.
    await page.getByTestId('top-paths').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'web-overview-requests.png') });
    await page.getByTestId('top-rules').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'web-overview-rules.png') });
  });

  it('filters by a top path clicked: that whole path, as many sessions as its row counts', async () => {
    // The busiest path of a site is `/`, the start of every path: clicked, it must select itself.
    const top = rowsOf('top-paths').first();
    const clicked = (await top.locator('.top-label').textContent()) ?? '';
    const counted = Number((await top.locator('.top-count').textContent())?.replaceAll(',', ''));
    expect(counted).toBeGreaterThan(0);
    await top.locator('button').click();
    await expect
      .poll(() => page.getByTestId('filter-input').inputValue(), UNTIL_SHOWN)
      .toBe(`path:=${clicked}`);
    await page.getByTestId('nav-sessions').click();
    await expect
      .poll(() => page.getByTestId('sessions-total').getAttribute('data-total'), UNTIL_SHOWN)
      .toBe(String(counted));
    const paths = await page.locator('[data-testid="session-row"] [data-col="path"]').allTextContents();
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set([clicked]));
    await filterTo('');
    await page.getByTestId('nav-overview').click();
    await page.getByTestId('web-panels').waitFor();
  });

  it('offers whole user agents after ua:=, each readable in full within the window', async () => {
    await page.getByTestId('filter-input').fill('');
    await page.getByTestId('filter-input').click();
    await page.keyboard.type('ua:=Mozilla');
    const list = page.getByTestId('filter-suggestions');
    await list.waitFor();
    const shown = await list.evaluate((element) => {
      const labels = [...element.querySelectorAll<HTMLElement>('.suggestion-label')];
      const box = document.querySelector('[data-testid="filter-input"]')!.getBoundingClientRect();
      return {
        longest: Math.max(...labels.map((label) => label.textContent?.length ?? 0)),
        cut: labels.filter((label) => label.scrollWidth > label.clientWidth).length,
        width: element.getBoundingClientRect().width,
        right: element.getBoundingClientRect().right,
        box: box.width,
      };
    });
    // Browser user agents run past 100 characters: the list grows past the box to show them, up to
    // the window's edge (16 px short of it), and only what is longer still is cut.
    expect(shown.longest).toBeGreaterThan(100);
    expect(shown.width).toBeGreaterThan(1.5 * shown.box);
    expect(shown.right).toBeLessThanOrEqual(1600 - 16 + 1);
    if (shown.cut > 0) expect(shown.right).toBeGreaterThan(1600 - 16 - 2);
    await page.keyboard.press('Escape');
    await filterTo('');
  });

  it('filters by user agent: every top user agent then names the tool', async () => {
    await filterTo('ua:sqlmap');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="top-user-agents"] li')];
      return rows.length > 0 && rows.every((li) => /sqlmap/i.test(li.textContent ?? ''));
    });
    expect(await rowsOf('top-user-agents').first().textContent()).toContain('tool');
  });

  it('opens a session matched by a rule and shows its request with the match marked', async () => {
    const rule = (await rowsOf('top-rules').first().locator('.top-label').textContent()) ?? '';
    expect(rule.length).toBeGreaterThan(0);
    await filterTo('');
    // The panels redraw for the new filter: a click while they do lands on a list on its way out.
    await questionsAnswered(page);
    await rowsOf('top-rules').first().locator('button').click();
    // The bar shows the new text once the page has rendered it, in the pass that redraws every
    // panel for the new filter: read at once, it was still '' in 2 of 4 runs with the API jittered.
    await expect
      .poll(() => page.getByTestId('filter-input').inputValue(), UNTIL_SHOWN)
      .toBe(`sigma:="${rule}"`);
    await page.evaluate(() => {
      window.location.hash = '#/sessions';
    });
    // Web requests bring their own default columns. Every row of a rule's filter has a hit: the
    // Rule hits column says how many and the highest level.
    await page.waitForFunction(() =>
      /^\d+ · (informational|low|medium|high|critical)$/.test(
        document.querySelector('[data-testid="session-row"] [data-col="ruleHits"]')?.textContent ?? '',
      ),
    );
    for (const header of ['Method', 'Path', 'User agent', 'Rule hits'])
      await page.getByRole('columnheader', { name: header }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'web-sessions.png') });
    // Export what the view shows: every session of the rule's filter, one CSV line each.
    const total = Number(await page.getByTestId('sessions-total').getAttribute('data-total'));
    const [exported] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('sessions-export-csv').click(),
    ]);
    const csv = path.join(dir, 'rule-sessions.csv');
    await exported.saveAs(csv);
    expect(exported.suggestedFilename()).toBe('sessions.csv');
    expect(fs.readFileSync(csv, 'utf8').trim().split('\r\n')).toHaveLength(total + 1);
    await page.getByTestId('session-row').first().click();
    const drawer = page.getByTestId('session-drawer');
    await drawer.getByTestId('drawer-rule-hits').waitFor();
    expect(await drawer.getByTestId('drawer-rule-hits').textContent()).toContain(rule);
    expect(await drawer.getByTestId('request-raw').textContent()).toMatch(/^[A-Z]+ \/\S* HTTP\/\d/);
    // The value the rule matched is marked inside the request (as logged, decoded or its user agent).
    expect(await drawer.getByTestId('drawer-request').locator('mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'web-sessions-drawer.png') });
  });

  it('puts the session in a case whose HTML report holds its request', async () => {
    const drawer = page.getByTestId('session-drawer');
    const raw = (await drawer.getByTestId('request-raw').textContent()) ?? '';
    const target = raw.split(' ')[1] ?? '';
    await drawer.getByTestId('drawer-new-case').click();
    await page.getByTestId('case-title-input').fill('Web attack from the rule hits');
    await page.getByTestId('case-create').click();
    await page.getByTestId('case-title').getByText('Web attack from the rule hits').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-html').click(),
    ]);
    const file = path.join(dir, 'case.html');
    await download.saveAs(file);
    const report = fs.readFileSync(file, 'utf8');
    expect(report).toContain('<h2>Requests (1;');
    // The target as logged, HTML-escaped as the report writes every text.
    const escaped = target
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&#39;');
    expect(report).toContain(escaped);
    expect(report).toContain('<mark>');
  });

  // Access logs name no destination, so the graph has no edge for them: the search still opens
  // the IP's side panel.
  it('shows an IP’s paths, user agents and rule hits in the Graph side panel', async () => {
    // The source of the first session a rule matched, from its drawer (from the case just made,
    // whose page has no global filter bar, back to the Sessions view first).
    await page.evaluate(() => {
      window.location.hash = '#/sessions';
    });
    await filterTo('level:>=medium');
    await page.getByTestId('session-row').first().click();
    const heading = (await page.getByTestId('session-drawer').locator('h2 .muted').textContent()) ?? '';
    const ip = heading.split('→')[0]?.trim() ?? '';
    expect(ip).not.toBe('');
    await filterTo('');
    await page.evaluate(() => {
      window.location.hash = '#/graph';
    });
    await page.getByTestId('graph-search').fill(ip);
    await page.getByTestId('graph-search').press('Enter');
    const panel = page.locator(`[data-testid="ip-panel"][data-ip="${ip}"]`);
    await panel.getByTestId('ip-requests').waitFor();
    expect(await panel.getByTestId('ip-top-paths').locator('li').count()).toBeGreaterThan(0);
    expect(await panel.getByTestId('ip-top-user-agents').locator('li').count()).toBeGreaterThan(0);
    await panel.getByTestId('ip-rule-hits').waitFor();
    await panel.getByTestId('ip-rule-hits').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'web-graph-panel.png') });
    expect(errors).toEqual([]);
  });
});
