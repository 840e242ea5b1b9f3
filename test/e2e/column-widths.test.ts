// Columns an analyst must be able to read whole, measured in Chromium through serve mode at
// 1600×1000 and at 1280 wide: the Sessions table's IPv6 addresses (no ellipsis), the Models runs
// table's Flagged column, the Triage queue's columns to its tags and IOC marks (none pushed out of
// its frame) and its header's controls (each label on one line beside its menu or checkbox), and
// the top bar with a Flagged by choice per model kind (one line at 1600). Data: a generated access
// log plus a few IPv6 clients, an rf run on rule hits at high or above (the longest label text)
// scored and a second one not, an iforest and a dense run scored, verdicts that name a kind and an
// analyst, and a known-bad IOC list that marks their source.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_CHOICES } from '../../src-renderer/views/sessions/columns.js';
import { builtVigilOn } from '../helpers/built-cli.js';
import { launchChromium } from './chromium.js';
import { questionsAnswered, UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const IPV6 = ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8::1', 'fe80::1ff:fe23:4567:890a'];

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;

const vigil = builtVigilOn(() => path.join(dir, 'x.db'));

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-widths-'));
  const log = path.join(dir, 'a.log');
  execFileSync(process.execPath, [
    path.join(ROOT, 'bin', 'vigil.js'),
    ...['generate', '--format', 'combined', '--rows', '3000', '--seed', '1', '--out', log],
  ]);
  vigil('ingest', log);
  // Later than every generated request: newest first, they open the Sessions table.
  const v6 = IPV6.map(
    (ip, i) => `${ip} - - [10/Oct/2030:13:55:0${i} +0000] "GET /x${i} HTTP/1.1" 200 123 "-" "curl/8.0"`,
  );
  fs.writeFileSync(path.join(dir, 'v6.log'), `${v6.join('\n')}\n`);
  vigil('ingest', path.join(dir, 'v6.log'));
  vigil('train', '--model', 'rf', '--labels', 'rules:high', '--seed', '1');
  vigil('score');
  // A second run, never scored and not active: its row offers "Set active" (the widest last cell).
  vigil('train', '--model', 'rf', '--labels', 'rule-hits', '--seed', '2');
  // Runs of two more kinds, each scored (and active): the top bar's Flagged by has a run per kind.
  vigil('train', '--model', 'iforest', '--seed', '1');
  vigil('score');
  vigil('train', '--model', 'dense', '--labels', 'rules:high', '--seed', '1');
  vigil('score');
  [browser, serve] = await Promise.all([
    launchChromium(),
    startServe(path.join(dir, 'x.db'), ['--no-sample']),
  ]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  await page.goto(`${serve.url}#/triage`);
  await page.getByTestId('triage-row').first().waitFor(UNTIL_SHOWN);
  // The queue's top sessions, judged with a kind by a named analyst: the verdict's longest form.
  const top = await page.getByTestId('triage-row').evaluateAll((rows) =>
    rows.slice(0, 3).map((row) => ({
      id: row.getAttribute('data-session') ?? '',
      ip: row.querySelector('.queue-address')?.textContent ?? '',
    })),
  );
  // Their source on a known-bad list: the tags / IOC column shows its mark after the verdict.
  fs.writeFileSync(path.join(dir, 'bad.txt'), `${top[0]?.ip}\n`);
  vigil('ioc', 'add', path.join(dir, 'bad.txt'), '--name', 'threat-feed', '--kind', 'known_bad');
  for (const { id } of top)
    vigil(
      'verdict',
      '--session',
      id,
      '--verdict',
      'malicious',
      '--kind',
      'sql_injection',
      '--analyst',
      'ana',
    );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function show(view: string, width: number) {
  await page.setViewportSize({ width, height: 1000 });
  await page.goto(`${serve.url.split('?')[0]}#/${view}`);
  await page.reload();
  await questionsAnswered(page);
}

/**
 * Cells cut short: text wider than the cell, or the cell past the right edge of its scroll frame
 * (unless `scrolls`: a table meant to scroll sideways, where only a cut text counts).
 */
function cutCells(page: Page, selector: string, scrolls = false) {
  return page.locator(selector).evaluateAll(
    (cells, scrolls) =>
      cells.flatMap((cell) => {
        let frame = cell.parentElement;
        while (frame && getComputedStyle(frame).overflowX === 'visible') frame = frame.parentElement;
        const right = Math.min(frame?.getBoundingClientRect().right ?? window.innerWidth, window.innerWidth);
        const clipped = cell.scrollWidth > cell.clientWidth + 1;
        const outside = !scrolls && cell.getBoundingClientRect().right > right + 1;
        return clipped || outside
          ? [`${cell.textContent}${clipped ? ' clipped' : ''}${outside ? ' outside' : ''}`]
          : [];
      }),
    scrolls,
  );
}

describe.each([1600, 1280])('at %i px wide', (width) => {
  it('shows each IPv6 source address whole in the Sessions table', async () => {
    await show('sessions', width);
    const cells = page.locator('[data-testid="session-row"] .vcell[data-col="srcIp"]');
    await expect.poll(() => cells.allTextContents(), UNTIL_SHOWN).toEqual(expect.arrayContaining(IPV6));
    expect(await cutCells(page, '[data-testid="session-row"] .vcell[data-col="srcIp"]')).toEqual([]);
    // Still one line per row: the virtual scrolling places rows at a fixed height.
    const heights = await cells.evaluateAll((all) => all.map((cell) => cell.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThanOrEqual(30);
  });

  it('shows the Sessions headers whole, Country and Method included', async () => {
    await show('sessions', width);
    const headers = '.vrow-head th';
    await expect.poll(() => page.locator(headers).allTextContents(), UNTIL_SHOWN).toContain('Method');
    expect(await page.locator(headers).allTextContents()).toContain('Country');
    // The table scrolls sideways past the window by design: only a header cut short counts.
    expect(await cutCells(page, headers, true)).toEqual([]);
  });

  it('shows every Sessions header whole when the analyst shows every column', async () => {
    // The column chooser's stored choice (useColumnPrefs), removed again for the tests after.
    const every = COLUMN_CHOICES.map((column) => column.id);
    await page.evaluate((ids) => localStorage.setItem('vigil.sessions.columns', JSON.stringify(ids)), every);
    try {
      await show('sessions', width);
      const headers = page.locator('.vrow-head th');
      await expect.poll(() => headers.count(), UNTIL_SHOWN).toBe(every.length + 1);
      expect(await cutCells(page, '.vrow-head th', true)).toEqual([]);
    } finally {
      await page.evaluate(() => localStorage.removeItem('vigil.sessions.columns'));
    }
  });

  it('keeps the top bar in the window, on one line at 1600, with runs of three model kinds', async () => {
    await show('sessions', width);
    for (const kind of ['rf', 'iforest', 'dense'])
      expect(await page.getByTestId(`detection-${kind}`).count(), kind).toBe(1);
    const items = await page.locator('.topbar > *').evaluateAll((all) =>
      all.map((item) => {
        const box = item.getBoundingClientRect();
        return { name: item.className, top: Math.round(box.top), right: box.right };
      }),
    );
    expect(items.filter((item) => item.right > width + 1)).toEqual([]);
    if (width >= 1600) expect(new Set(items.map((item) => item.top)).size, JSON.stringify(items)).toBe(1);
  });

  it('shows the Models runs table to its Flagged and Active columns', async () => {
    await show('models', width);
    await page.getByTestId('run-row').first().waitFor(UNTIL_SHOWN);
    expect(await cutCells(page, '[data-testid="runs-table"] th')).toEqual([]);
    expect(await cutCells(page, '[data-testid="run-row"] td')).toEqual([]);
  });

  it('shows each Triage header control whole: its label on one line, beside its control, in the frame', async () => {
    await show('triage', width);
    await page.getByTestId('triage-row').first().waitFor(UNTIL_SHOWN);
    const faults = await page.locator('.triage-bar > label').evaluateAll((labels) => {
      const frame = labels[0]?.closest('.view')?.getBoundingClientRect();
      const right = Math.min(frame?.right ?? window.innerWidth, window.innerWidth);
      const boxes = labels.map((label) => label.getBoundingClientRect());
      return labels.flatMap((label, i) => {
        const box = boxes[i]!;
        // The label's words (not its menu's options), line by line: their rectangles, by their top.
        const texts = [...label.childNodes].filter(
          (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
        );
        const name = texts.map((node) => node.textContent?.trim()).join(' ');
        const words = texts.flatMap((node) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return [...range.getClientRects()].filter((rect) => rect.width > 0);
        });
        const lines = new Set(words.map((rect) => Math.round(rect.top / 4))).size;
        const control = label.querySelector('select, input')!.getBoundingClientRect();
        const beside = words.every((rect) => {
          const middle = rect.top + rect.height / 2;
          return middle >= control.top && middle <= control.bottom;
        });
        const overlaps = boxes.some(
          (other, j) =>
            j !== i &&
            other.left < box.right - 1 &&
            box.left < other.right - 1 &&
            other.top < box.bottom - 1 &&
            box.top < other.bottom - 1,
        );
        return [
          ...(lines !== 1 ? [`${name}: ${lines} lines`] : []),
          ...(beside ? [] : [`${name}: not beside its control`]),
          ...(box.right > right + 1 || box.left < (frame?.left ?? 0) - 1 ? [`${name}: outside`] : []),
          ...(overlaps ? [`${name}: overlaps`] : []),
        ];
      });
    });
    expect(faults).toEqual([]);
  });

  it('shows the Triage queue to its tags / IOC column, a kind, an analyst and a mark included', async () => {
    await show('triage', width);
    await page.getByTestId('triage-verdict-filter').selectOption('');
    const verdicts = page.locator('[data-testid="triage-row"] td.verdict');
    await expect
      .poll(() => verdicts.allTextContents(), UNTIL_SHOWN)
      .toContain('malicious (sql_injection) · ana');
    await page.getByTestId('ioc-chip').first().waitFor(UNTIL_SHOWN);
    // Every column shows, the last one (tags / IOC) included: nothing to scroll sideways for.
    expect(await cutCells(page, '[data-testid="triage-queue"] th')).toEqual([]);
    expect(await cutCells(page, '[data-testid="triage-row"] td.verdict')).toEqual([]);
    expect(await cutCells(page, '[data-testid="triage-row"] td:last-child')).toEqual([]);
  });
});
