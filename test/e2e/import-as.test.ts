import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

// A CSV no detector knows needs its column mapping, and a log a detector misses needs its format:
// the CLI has --map and --format; the Import view has "Import as".
let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-importas-'));
  const db = path.join(dir, 'x.db');
  const preset = path.join(dir, 'preset.json');
  fs.writeFileSync(
    preset,
    JSON.stringify({
      name: 'proxy-csv',
      format: 'mapped-csv',
      timestampFormat: 'iso',
      columns: { srcIp: 'client_ip', start: 'time' },
    }),
  );
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'vigil.js'), 'preset', 'save', preset, '--db', db]);
  [browser, serve] = await Promise.all([launchChromium(), startServe(db, ['--no-sample'])]);
  page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-import').click();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Import as: the format or mapping preset of the files chosen next', () => {
  it('says how to import a file whose format is not recognised, and imports it by a saved mapping preset', async () => {
    const csv = path.join(dir, 'proxy.csv');
    fs.writeFileSync(
      csv,
      'client_ip,time\n198.51.100.7,2024-04-25T10:00:00Z\n198.51.100.8,2024-04-25T10:00:05Z\n',
    );
    await page.getByTestId('file-input').setInputFiles(csv);
    const failed = page.locator('[data-testid="import-job"][data-state="failed"]', { hasText: 'proxy.csv' });
    // Not the CLI's flags, which a page cannot pass: the choice the page has.
    await failed.getByText('choose its format or mapping preset under Import as').waitFor();

    await page.getByTestId('import-as').selectOption({ label: 'proxy-csv (mapped-csv preset)' });
    await page.getByTestId('file-input').setInputFiles(csv);
    const done = page.locator('[data-testid="import-job"][data-state="done"]', { hasText: 'proxy.csv' });
    await expect(done.getByTestId('summary-stored').textContent()).resolves.toBe('2');
    const row = page.getByTestId('imports-table').locator('tr', { hasText: 'proxy.csv' });
    await row.getByText('mapped-csv').waitFor();
    await page.screenshot({ path: path.join(dir, 'import-as.png') });
  });

  it('reads a file as the format chosen, quarantining what is not that format', async () => {
    const odd = path.join(dir, 'odd.txt');
    fs.writeFileSync(odd, 'not an access log\n');
    await page.getByTestId('import-as').selectOption('format:combined');
    await page.getByTestId('file-input').setInputFiles(odd);
    const done = page.locator('[data-testid="import-job"][data-state="done"]', { hasText: 'odd.txt' });
    await done.waitFor();
    await expect(done.getByTestId('summary-quarantined').textContent()).resolves.toBe('1');
    expect(pageErrors).toEqual([]);
  });
});
