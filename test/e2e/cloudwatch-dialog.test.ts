// The "Connect to CloudWatch Logs" dialog in Debian Chromium, against serve mode whose AWS
// credentials come from the environment and a real moto_server as the endpoint, which only
// `vigil serve --cloudwatch-endpoint` can set: the page shows it and cannot change it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedAwsEnv } from '../integration/connectors/env.js';
import { vpcEvents, wafEvents } from '../integration/connectors/events.js';
import { type FaultProxy, startFaultProxy } from '../integration/connectors/fault-proxy.js';
import { createGroup, type Moto, putEvents, REGION, startMoto } from '../integration/connectors/moto.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const VPC_GROUP = '/vpc/flow-logs';
const WAF_GROUP = 'aws-waf-logs-shop';
const VPC_EVENTS = 1_200;
const WAF_EVENTS = 300;

let dir: string;
let moto: Moto;
// Between the app and moto, so a test can hold a request while the analyst cancels.
let proxy: FaultProxy;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];
let origin: string;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-cw-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  moto = await startMoto();
  // Within the last hour: CloudWatch refuses events older than 14 days or in the future.
  const t0 = Date.now() - 30 * 60_000;
  await createGroup(moto, VPC_GROUP, ['eni-a'], 30);
  await putEvents(moto, VPC_GROUP, 'eni-a', vpcEvents(VPC_EVENTS, t0).events);
  await createGroup(moto, WAF_GROUP, ['alb']);
  await putEvents(moto, WAF_GROUP, 'alb', wafEvents(WAF_EVENTS, t0).events);
  proxy = await startFaultProxy(moto.url);
  // Credentials only from the environment, as on an analyst's machine with exported keys; no
  // ~/.aws files and no instance metadata, so nothing outside the test is read or reached.
  const env = { ...isolatedAwsEnv(dir), AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  [browser, serve] = await Promise.all([
    launchChromium(),
    startServe(path.join(dir, 'x.db'), ['--no-sample', '--cloudwatch-endpoint', proxy.url], env),
  ]);
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'dark' });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  origin = `http://127.0.0.1:${serve.port}`;
});

afterAll(async () => {
  await browser?.close();
  const code = await serve?.stop();
  await proxy?.close();
  await moto?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
});

const dialog = () => page.getByRole('dialog', { name: 'Connect to CloudWatch Logs' });
const job = (state: string) => dialog().locator(`[data-testid="cw-job"][data-state="${state}"]`);

/** The test id of the element holding the caret (null for the page's body). */
const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

async function pull(groupName: string, state: string): Promise<void> {
  await dialog().getByTestId('cw-log-group').fill(groupName);
  await dialog().getByTestId('cw-start').click();
  await job(state).waitFor();
}

describe('Connect to CloudWatch Logs (dialog, serve mode, moto_server)', () => {
  it('opens at #/import/cloudwatch, above the Import view', async () => {
    // The printed link trades its token for a cookie and lands on the default view.
    await page.goto(serve.url);
    await page.waitForURL(`${origin}/`);
    await page.goto(`${origin}/#/import/cloudwatch`);
    await page.getByTestId('view-import').waitFor();
    await dialog().waitFor();
    expect(await dialog().evaluate((el) => (el as HTMLDialogElement).open)).toBe(true);
  });

  it('lists the log groups with stored bytes, retention and what Vigil pulled', async () => {
    await dialog().getByLabel('Region').fill(REGION);
    // Shown because the server was started with it; read-only because a page must not choose it.
    expect(await dialog().getByLabel('Endpoint').inputValue()).toBe(proxy.url);
    expect(await dialog().getByLabel('Endpoint').getAttribute('readonly')).not.toBeNull();
    await dialog().getByTestId('cw-list').click();
    const rows = dialog().getByTestId('cw-group');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const vpcRow = rows.filter({ hasText: VPC_GROUP });
    expect(await vpcRow.locator('td').allTextContents()).toEqual([
      VPC_GROUP,
      expect.stringMatching(/^\d+(\.\d)? [kMG]?B$|^–$/),
      '30 days',
      'never',
    ]);
    expect(await text(rows.filter({ hasText: WAF_GROUP }).locator('td').nth(2))).toBe('never expires');
    await page.screenshot({ path: path.join(SHOTS, 'cloudwatch-groups.png') });
  });

  it('pulls the VPC Flow Log group chosen in the picker to done: events, covered range, sessions stored', async () => {
    await dialog().getByRole('radio', { name: VPC_GROUP }).check();
    expect(await dialog().getByTestId('cw-log-group').inputValue()).toBe(VPC_GROUP);
    await dialog().getByRole('radio', { name: 'Last 24 hours', exact: true }).check();
    // By keyboard: Enter on Start pull, whose form the progress then replaces.
    await dialog().getByTestId('cw-start').focus();
    await page.keyboard.press('Enter');
    await job('done').waitFor();
    // The caret follows the dialog's new content: it fell to the page's body, outside every control.
    await expect.poll(focusedTestId).toBe('cw-show-sessions');
    expect(await text(dialog().getByTestId('cw-events'))).toBe('1,200');
    expect(await text(dialog().getByTestId('cw-stored'))).toBe('1,200');
    expect(await text(dialog().getByTestId('cw-covered'))).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d – \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
    await page.screenshot({ path: path.join(SHOTS, 'cloudwatch-pulled.png') });
  });

  it('pulls the WAF group too, and the group list then shows what was pulled', async () => {
    await dialog().getByTestId('cw-new-pull').click();
    await expect.poll(focusedTestId).toBe('cw-log-group');
    await pull(WAF_GROUP, 'done');
    expect(await text(dialog().getByTestId('cw-stored'))).toBe('300');
    await dialog().getByTestId('cw-new-pull').click();
    await dialog().getByTestId('cw-list').click();
    await dialog()
      .getByTestId('cw-group')
      .filter({ hasText: VPC_GROUP })
      .getByText(/^up to \d{4}-/)
      .waitFor();
  });

  it('says clearly when the log group does not exist', async () => {
    await pull('no-such-group', 'failed');
    expect(await text(dialog().getByTestId('cw-job-error'))).toBe(
      `log group no-such-group not found in region ${REGION} (endpoint ${proxy.url}).`,
    );
    await page.screenshot({ path: path.join(SHOTS, 'cloudwatch-error.png') });
  });

  it('cancels a running pull from the dialog', async () => {
    let arrived!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Hold the first FilterLogEvents request, so the pull is surely running when Cancel is pressed.
    proxy.setRule(({ operation }) =>
      operation === 'FilterLogEvents'
        ? async (upstream) => {
            arrived();
            await held;
            return upstream();
          }
        : undefined,
    );
    try {
      await dialog().getByTestId('cw-new-pull').click();
      await dialog()
        .getByRole('radio', { name: /^New since last pull/ })
        .check();
      await dialog().getByTestId('cw-log-group').fill(VPC_GROUP);
      await dialog().getByTestId('cw-start').click();
      await job('running').waitFor();
      await reached;
      // Live while held: the panel says what the pull is doing and offers Cancel.
      await dialog()
        .getByText(/^Fetching events · range /)
        .waitFor();
      await expect.poll(focusedTestId).toBe('cw-cancel');
      await page.keyboard.press('Enter');
      await job('cancelled').waitFor();
      expect(await text(dialog().getByTestId('cw-message'))).toMatch(
        /Cancelled before anything was imported\.$/,
      );
    } finally {
      release();
      proxy.setRule(undefined);
    }
  });

  it('refuses a form the core would refuse, naming the field, before anything is sent', async () => {
    await dialog().getByTestId('cw-new-pull').click();
    await dialog().getByLabel('Region').fill('Ireland');
    await dialog().getByTestId('cw-start').click();
    expect(await text(dialog().getByTestId('cw-region-error'))).toBe(
      'Region: an AWS region such as eu-west-1',
    );
    await dialog().getByLabel('Region').fill(REGION);
    // Fixing the field takes its message away.
    expect(await dialog().getByTestId('cw-region-error').count()).toBe(0);
  });

  it('shows every problem beside its field at once, and scrolls the first into view (issue 18)', async () => {
    await dialog().getByLabel('Region').fill('Ireland');
    await dialog().getByTestId('cw-log-group').fill('');
    await dialog().getByRole('radio', { name: 'Custom', exact: true }).check();
    await dialog().getByTestId('cw-from').fill('');
    await dialog().getByRole('radio', { name: 'Filter pattern', exact: true }).check();
    await dialog().getByTestId('cw-filter').fill('');
    // The Start button is at the foot of a form taller than the dialog: clicking it scrolls down.
    expect(await dialog().evaluate((d) => d.scrollHeight > d.clientHeight + 100)).toBe(true);
    await dialog().getByTestId('cw-start').click();
    const errors = {
      'cw-region': 'Region: an AWS region such as eu-west-1',
      'cw-log-group': 'Choose a log group from the list, or type its name.',
      'cw-from': 'Give both ends of the custom time range.',
      'cw-filter': 'Filter pattern: type a pattern, or choose "All events".',
    };
    for (const [field, message] of Object.entries(errors)) {
      expect(await text(dialog().getByTestId(`${field}-error`))).toBe(message);
      const input = dialog().getByTestId(field);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await input.getAttribute('aria-describedby')).toContain(`${field}-error`);
      // Beside its field: the message sits right under the input.
      const [box, note] = [
        await input.boundingBox(),
        await dialog().getByTestId(`${field}-error`).boundingBox(),
      ];
      expect(note!.y - (box!.y + box!.height)).toBeGreaterThanOrEqual(0);
      expect(note!.y - (box!.y + box!.height)).toBeLessThan(12);
    }
    expect(await dialog().getByTestId('cw-problems').count()).toBe(0);
    expect(await text(dialog().getByTestId('cw-problem-count'))).toBe('4 fields to fix, marked above');
    // The first problem (Region, at the top) is back in view inside the dialog, with the caret in it.
    const seen = await dialog()
      .getByTestId('cw-region')
      .evaluate((input) => {
        const frame = input.closest('dialog')!.getBoundingClientRect();
        const r = input.getBoundingClientRect();
        return {
          inView: r.top >= frame.top && r.bottom <= frame.bottom,
          focused: document.activeElement === input,
        };
      });
    expect(seen).toEqual({ inView: true, focused: true });
    await page.screenshot({ path: path.join(SHOTS, 'cloudwatch-problems.png') });
    await dialog().getByLabel('Region').fill(REGION);
    await dialog().getByRole('radio', { name: 'All events', exact: true }).check();
    await dialog().getByRole('radio', { name: 'Last 24 hours', exact: true }).check();
  });

  it('shows the pulled sessions: 1,500 in the Sessions view', async () => {
    await page.goto(`${origin}/#/sessions`);
    await page.locator('[data-testid="sessions-total"][data-total="1500"]').waitFor();
    expect(await dialog().count()).toBe(0);
  });

  it('opens from the Import view by keyboard, with a visible focus ring, and Escape closes it', async () => {
    await page.getByTestId('nav-import').click();
    await page.getByTestId('open-cloudwatch').focus();
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    expect(page.url()).toBe(`${origin}/#/import/cloudwatch`);
    // The dialog remembers where the analyst connected last time (names only, never keys).
    expect(await dialog().getByLabel('Region').inputValue()).toBe(REGION);
    expect(await dialog().getByLabel('Endpoint').inputValue()).toBe(proxy.url);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement!;
      return { inDialog: el.closest('dialog') !== null, outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused).toEqual({ inDialog: true, outline: 'solid' });
    await page.keyboard.press('Escape');
    await page.waitForURL(`${origin}/#/import`);
    expect(await dialog().count()).toBe(0);
    // The pull jobs stay listed under Recent jobs, named by their log group.
    await page
      .locator('[data-testid="import-job"][data-kind="pull"]')
      .filter({ hasText: WAF_GROUP })
      .waitFor();
  });

  it('logged no console error or CSP violation along the way', () => {
    expect(pageErrors).toEqual([]);
  });

  // Last: the refusals it provokes are console errors.
  it('gives a script in the page no way to send the credentials elsewhere', async () => {
    const answers = await page.evaluate(async () => {
      const post = async (name: string, args: unknown) => {
        const response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(args),
        });
        return response.status;
      };
      const elsewhere = { region: 'eu-west-1', logGroup: 'g', endpoint: 'http://127.0.0.1:9/' };
      return [
        await post('listLogGroups', elsewhere),
        await post('startPull', elsewhere),
        await post('listCloudWatchGroups', elsewhere),
        await post('startCloudWatchPull', elsewhere),
      ];
    });
    expect(answers).toEqual([404, 404, 400, 400]);
  });
});
