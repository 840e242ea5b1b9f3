// "Pivots from any value" for what has no value: a click on the "(unknown)" country's "(no type)"
// segment adds `-country:* -type:*` and the Overview then counts what the segment showed, in
// Chromium against `vigil serve` on an access log (no type; no country, imported without the GeoIP
// lookup) beside a CloudWatch export (types and countries) in one database. Before presence terms
// the click added nothing, and the filter kept every session.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { clickFirstBar, kpi, sessionsChangedFrom, waitForCharts } from './overview-page.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const CLI = path.join(ROOT, 'bin', 'vigil.js');

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];

function vigil(...args: string[]): void {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigil ${args.join(' ')} failed: ${run.stderr}`);
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-overview-presence-'));
  const db = path.join(dir, 'o.db');
  const web = path.join(dir, 'access.log');
  const csv = path.join(dir, 'traffic.csv');
  vigil('generate', '--rows', '4000', '--seed', '3', '--days', '2', '--format', 'combined', '--out', web);
  vigil('generate', '--rows', '3000', '--seed', '4', '--days', '2', '--out', csv);
  vigil('ingest', web, '--db', db, '--no-enrich');
  vigil('ingest', csv, '--db', db);
  browser = await launchChromium();
  serve = await startServe(db, ['--no-sample']);
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  errors = collectPageErrors(page);
  await page.goto(serve.url);
  await waitForCharts(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Overview pivots on a missing value', () => {
  it('a click on the "(unknown)" country\'s "(no type)" segment adds -country:* -type:*, the count it showed', async () => {
    const cells = await page.evaluate(async () => {
      const response = await fetch('/api/analyticsOverview', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filter: {} }),
      });
      const answer = (await response.json()) as {
        value: { typeByCountry: { cells: { country: string; detectionType: string; sessions: number }[] } };
      };
      return answer.value.typeByCountry.cells;
    });
    const byCountry = new Map<string, number>();
    for (const c of cells) byCountry.set(c.country, (byCountry.get(c.country) ?? 0) + c.sessions);
    // The access log's requests are the busiest bar: no country, and no type only.
    const [busiest] = [...byCountry].sort((a, b) => b[1] - a[1]);
    expect(busiest?.[0]).toBe('');
    const unknown = cells.filter((c) => c.country === '');
    expect(unknown.map((c) => c.detectionType)).toEqual(['']);
    const shown = unknown[0]!.sessions;
    const chart = page.getByTestId('chart-type-country');
    await chart.scrollIntoViewIfNeeded();
    await waitForCharts(page);
    const before = await kpi(page, 'sessions');
    expect(before).toBeGreaterThan(shown);
    await clickFirstBar(page, 'chart-type-country', Math.min(byCountry.size, 12));
    expect(await sessionsChangedFrom(page, before)).toBe(shown);
    expect(await page.getByTestId('filter-input').inputValue()).toBe('-country:* -type:*');
    expect(errors).toEqual([]);
  }, 60_000);
});
