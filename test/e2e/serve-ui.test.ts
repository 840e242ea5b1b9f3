import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, rawGet, type ServeProcess, startServe } from './serve-process.js';

const SAMPLE = path.join(ROOT, 'resources', 'samples', 'CloudWatch_Traffic_Web_Attack.csv');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const HEADER =
  'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types';
const PAYLOAD = '<img src=x onerror="window.__pwned=1">';

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let context: BrowserContext;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  [browser, serve] = await Promise.all([
    launchChromium(),
    startServe(path.join(dir, 'x.db'), ['--no-sample']),
  ]);
  // Dark is the app's own theme; the light one is checked on first start below.
  context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'dark' });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
});

afterAll(async () => {
  await browser?.close();
  const code = await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  // Stopping on SIGTERM must be a clean exit, not a crash.
  expect(code).toBe(0);
});

describe('serve mode in Debian Chromium', () => {
  it('opens from the printed link and drops the token from the address bar', async () => {
    await page.goto(serve.url);
    expect(page.url()).toBe(`http://127.0.0.1:${serve.port}/`);
    // An empty database opens on the Overview's start page.
    await page.getByTestId('start-page').waitFor();
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId('sessions-empty').waitFor();
  });

  it('imports the sample through the file input and shows its progress to done', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles(SAMPLE);
    const job = page.getByTestId('import-job').filter({ hasText: 'CloudWatch_Traffic_Web_Attack.csv' });
    await job.locator('[data-testid="import-progress"][data-state="done"]').waitFor();
    await expect(job.getByTestId('summary-stored').textContent()).resolves.toBe('282');
    await page.getByTestId('imports-table').getByText('CloudWatch_Traffic_Web_Attack.csv').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'import.png') });
  });

  it('pages and sorts the 282 sessions on the server', async () => {
    await page.getByTestId('nav-sessions').click();
    await page.locator('[data-testid="sessions-total"][data-total="282"]').waitFor();
    const rows = page.getByTestId('session-row');
    await rows.first().waitFor();
    // A virtual table: only the rows on screen are in the page.
    expect(await rows.count()).toBeLessThan(60);

    await page.getByTestId('sort-bytesIn').click();
    await page.getByTestId('sort-bytesIn').click();
    await page.locator('th[aria-sort="descending"]').getByTestId('sort-bytesIn').waitFor();
    await rows.first().waitFor();
    const column = await page.locator('[data-testid="session-row"] [data-col="bytesIn"]').allTextContents();
    const values = column.map((text) => Number(text.replaceAll(',', '')));
    expect(values.length).toBeGreaterThan(10);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await page.screenshot({ path: path.join(SHOTS, 'sessions.png') });

    // Scrolling to the end fetches the last block: row 282 (aria-rowindex counts the header).
    await page.getByTestId('sessions-table').evaluate((grid) => {
      grid.scrollTop = grid.scrollHeight;
    });
    await page.locator('[data-testid="session-row"][aria-rowindex="283"]').waitFor();
  });

  it('sorts the source IPs as addresses, not as text', async () => {
    await page.getByTestId('sessions-table').evaluate((grid) => {
      grid.scrollTop = 0;
    });
    await page.getByTestId('sort-srcIp').click();
    await page.locator('th[aria-sort="ascending"]').getByTestId('sort-srcIp').waitFor();
    // As text, 136.226.64.114 came first; as addresses the sample's lowest source is 65.49.1.69.
    const first = page.locator('[data-testid="session-row"][aria-rowindex="2"] [data-col="srcIp"]');
    await expect.poll(() => first.textContent()).toBe('65.49.1.69');
    const shown = await page.locator('[data-testid="session-row"] [data-col="srcIp"]').allTextContents();
    const number = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.map(number)).toEqual(shown.map(number).sort((a, b) => a - b));
  });

  it('shows quarantined hostile rows as text, never as markup', async () => {
    const hostile = path.join(dir, 'hostile.csv');
    fs.writeFileSync(
      hostile,
      `${HEADER}\n1,2,2024-04-25T23:00:00Z,2024-04-25T23:10:00Z,${PAYLOAD},US,HTTPS,200,443,10.0.0.1,r,o,m,n,2024-04-25T23:00:00Z,waf\n`,
    );
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles(hostile);
    const job = page.getByTestId('import-job').filter({ hasText: 'hostile.csv' });
    await job.locator('[data-testid="import-progress"][data-state="done"]').waitFor();
    const row = page.getByTestId('imports-table').locator('tr', { hasText: 'hostile.csv' });
    await row.getByRole('button', { name: /show/ }).click();
    const raw = page.getByTestId('quarantine-raw');
    await raw.waitFor();
    expect(await raw.textContent()).toContain(PAYLOAD);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await raw.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'quarantine.png') });
  });

  it('imports a log dropped with its labels file as one labelled import; a labels file alone is refused', async () => {
    const log = path.join(dir, 'labelled.log');
    const request = (i: number) =>
      `198.51.100.${i} - - [25/Apr/2024:00:00:0${i} +0000] "GET /item?id=${i} HTTP/1.1" 200 512 "-" "curl/8.0"`;
    fs.writeFileSync(log, `${[1, 2, 3].map(request).join('\n')}\n`);
    fs.writeFileSync(`${log}.labels.csv`, 'line,label\n1,benign\n2,sqli\n');
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles([`${log}.labels.csv`, log]);
    const job = page.getByTestId('import-job').filter({ hasText: 'labelled.log' });
    await job.locator('[data-testid="import-progress"][data-state="done"]').waitFor();
    await expect(job.getByTestId('job-labels').textContent()).resolves.toBe(
      ' · labelled by labelled.log.labels.csv',
    );
    await expect(job.getByTestId('summary-stored').textContent()).resolves.toBe('3');
    const row = page.getByTestId('imports-table').locator('tr', { hasText: 'labelled.log' });
    await row.getByText('labelled by labelled.log.labels.csv').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'import-labels.png') });

    const stray = path.join(dir, 'other.log.labels.csv');
    fs.writeFileSync(stray, 'line,label\n1,benign\n');
    await page.getByTestId('file-input').setInputFiles(stray);
    const refused = page.locator('[data-testid="upload"][data-state="failed"]', {
      hasText: 'other.log.labels.csv',
    });
    await refused.getByText('drop it together with its log (other.log)').waitFor();
    await expect(
      page.getByTestId('import-job').filter({ hasText: 'other.log.labels.csv' }).count(),
    ).resolves.toBe(0);
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    await refused.waitFor({ state: 'detached' });
  });

  it('reaches Load sample by keyboard, with a visible focus ring; the same content again is skipped', async () => {
    await page.locator('body').focus();
    // 15 presses reach it; a generous bound, as the full suite once ran out of 20 on a loaded
    // machine (a refresh of the lists during the walk can send the focus back to the page start).
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (await page.getByTestId('load-sample').evaluate((el) => el === document.activeElement)) break;
    }
    const outline = await page.getByTestId('load-sample').evaluate((el) => {
      const style = getComputedStyle(el);
      return { focused: el === document.activeElement, outline: style.outlineStyle };
    });
    expect(outline).toEqual({ focused: true, outline: 'solid' });
    await page.keyboard.press('Enter');
    const skipped = page.getByTestId('imports-table').locator('tr', { hasText: 'skipped' });
    await skipped.getByText('CloudWatch_Traffic_Web_Attack.csv').waitFor();
  });

  it('logged no console error or CSP violation along the way', () => {
    expect(pageErrors).toEqual([]);
  });

  it('refuses requests without the browser’s session (401), the used link’s token included, or with a foreign Host (403)', async () => {
    expect(await rawGet(serve.port, '/')).toBe(401);
    expect(await rawGet(serve.port, '/api/events')).toBe(401);
    const token = new URL(serve.url).searchParams.get('token')!;
    expect(await rawGet(serve.port, '/', { Authorization: `Bearer ${token}` })).toBe(401);
    expect(await rawGet(serve.port, `/?token=${token}`)).toBe(401);
    expect(await rawGet(serve.port, '/', { Cookie: `vigil_${serve.port}=${token}` })).toBe(401);
    const session = (await page.context().cookies()).find((c) => c.name === `vigil_${serve.port}`)!;
    expect(session.value).not.toBe(token);
    const auth = { Cookie: `${session.name}=${session.value}` };
    expect(await rawGet(serve.port, '/', auth)).toBe(200);
    expect(await rawGet(serve.port, '/', { ...auth, Host: `rebind.example:${serve.port}` })).toBe(403);
  });
});

describe('first start', () => {
  it('loads the embedded sample into an empty database', async () => {
    const first = await startServe(path.join(dir, 'first.db'));
    const fresh = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'light' });
    try {
      const tab = await fresh.newPage();
      await tab.goto(first.url);
      await tab.getByTestId('nav-sessions').click();
      await tab.locator('[data-testid="sessions-total"][data-total="282"]').waitFor();
      await tab.screenshot({ path: path.join(SHOTS, 'sessions-light.png') });
    } finally {
      await fresh.close();
      expect(await first.stop()).toBe(0);
    }
  });
});
