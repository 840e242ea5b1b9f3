// Deleting a case from the Cases view, in Debian Chromium against `vigil serve`: Delete opens a
// dialog naming the case, its items and notes and where the audit log's copy is; Escape and Cancel
// delete nothing and give the focus back to Delete; "Delete case" removes it from the list and
// moves the focus to the case shown next (the "New case" link once none is left). A dialog
// confirmed after another tab changed the case is refused (409) with the case as it is now, and
// deletes only on a second press. The app has no audit view: the copy is read with the CLI.
// Screenshots at 1600×1000 go to SHOTS for a person to look at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src-shared/cases.js';
import type { AuditEntry } from '../../src-shared/triage.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe, vigilCli } from './serve-process.js';

const SHOTS = process.env.VIGIL_SHOTS ?? path.join(ROOT, 'test-results', 'screenshots');

let dir: string;
let db: string;
let browser: Browser;
const servers: ServeProcess[] = [];

const vigil = (...args: string[]) => vigilCli(...args, '--db', db);

/** A page of its own server (a serve link signs in one browser context), at `hash`. */
async function openCases(hash: string): Promise<{ page: Page; errors: string[] }> {
  const serve = await startServe(db, ['--no-sample']);
  servers.push(serve);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${serve.url}${hash}`);
  return { page, errors };
}

const titleOf = async (page: Page) =>
  (await page.getByTestId('case-title').textContent())?.replace(/\s*rename$/, '') ?? '';
const listed = async (page: Page) =>
  (await page.getByTestId('case-list').locator('li strong').allTextContents()).sort();
const focused = (page: Page) =>
  page.evaluate(() => {
    const at = document.activeElement as HTMLElement | null;
    return at?.dataset.testid ?? at?.getAttribute('href') ?? at?.tagName ?? '';
  });

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-case-delete-'));
  db = path.join(dir, 'cases.db');
  const csv = path.join(dir, 'traffic.csv');
  vigilCli('generate', '--rows', '600', '--seed', '5', '--days', '1', '--out', csv);
  vigil('ingest', csv, '--no-enrich');
  // Oldest first: the list shows the most recently updated case first (3, 2, 1).
  vigil('case', 'create', '--title', 'Scanner on the web tier', '--severity', 'high', '--ip', '10.0.0.1');
  vigil('case', 'note', '1', 'Two hosts, two days.');
  vigil('case', 'create', '--title', 'Opened by mistake', '--session', '1', '--ip', '192.0.2.50');
  vigil('case', 'note', '2', 'Wrong session: meant 11.');
  vigil('case', 'create', '--title', 'Credential stuffing on /login', '--severity', 'critical');
  fs.mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium({ webgl: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const serve of servers) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('deleting a case in the Cases view', () => {
  it('confirms in a dialog that names it; Escape and Cancel keep it; Delete case removes it', async () => {
    const { page, errors } = await openCases('#/cases/2');
    await page.getByTestId('case-title').getByText('Opened by mistake').waitFor();
    const dialog = page.getByTestId('case-delete-dialog');

    await page.getByTestId('case-delete').click();
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('Delete case #2?');
    expect(await dialog.getByTestId('case-delete-title').textContent()).toBe('Opened by mistake');
    expect(await dialog.getByTestId('case-delete-what').textContent()).toBe(
      'The case goes with its 2 items (1 session and 1 IP) and 1 note. The sessions themselves stay, with their verdicts and tags.',
    );
    expect(await dialog.getByTestId('case-delete-copy').textContent()).toBe(
      'The audit log keeps a copy of the whole case, signed by you: vigil audit case 2 shows it.',
    );
    expect(await dialog.getByTestId('case-delete-confirm').textContent()).toBe('Delete case');
    // The harmless choice has the focus.
    expect(await focused(page)).toBe('case-delete-cancel');
    await page.screenshot({ path: path.join(SHOTS, 'case-delete-dialog.png') });

    // Escape: nothing deleted, the focus back on Delete.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('case-delete');
    // Cancel: the same.
    await page.getByTestId('case-delete').click();
    await dialog.getByTestId('case-delete-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('case-delete');
    expect(await listed(page)).toEqual([
      'Credential stuffing on /login',
      'Opened by mistake',
      'Scanner on the web tier',
    ]);
    expect(JSON.parse(vigil('case', 'list', '--json'))).toHaveLength(3);

    await page.getByTestId('case-delete').click();
    await dialog.getByTestId('case-delete-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    // Gone from the list; the case after it (1) is shown, and its link has the focus.
    await page.getByTestId('case-list').locator('li', { hasText: 'Opened by mistake' }).waitFor({
      state: 'detached',
    });
    await page.locator('[data-testid="case-detail"][data-case="1"]').waitFor();
    expect(await titleOf(page)).toBe('#1 Scanner on the web tier');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/cases/1');
    expect(await focused(page)).toBe('#/cases/1');
    expect(await listed(page)).toEqual(['Credential stuffing on /login', 'Scanner on the web tier']);

    // No audit view in the app: the copy, read as the dialog said, holds the whole case.
    const history = JSON.parse(vigil('audit', 'case', '2', '--json')) as AuditEntry[];
    const deletion = history.at(-1);
    expect(deletion).toMatchObject({ kind: 'case-delete', after: null });
    const copy = deletion?.before as CaseDetail;
    expect(copy.case.title).toBe('Opened by mistake');
    expect(copy.items.map((i) => i.ip ?? i.sessionId)).toEqual([1, '192.0.2.50']);
    expect(copy.notes.map((n) => n.body)).toEqual(['Wrong session: meant 11.']);
    // Nothing the page asked was refused: the deleted case was not asked for again.
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('refuses a deletion confirmed after another tab changed the case, then deletes it as it is', async () => {
    const { page, errors } = await openCases('#/cases/1');
    await page.getByTestId('case-title').getByText('Scanner on the web tier').waitFor();
    const dialog = page.getByTestId('case-delete-dialog');
    await page.getByTestId('case-delete').click();
    const what = dialog.getByTestId('case-delete-what');
    expect(await what.textContent()).toContain('its 1 item (0 sessions and 1 IP) and 1 note.');

    // Meanwhile, in another tab of the same browser, someone adds an IP to the case.
    const other = await page.context().newPage();
    await other.goto(`${new URL(page.url()).origin}/#/cases/1`);
    await other.getByLabel('IP to add').fill('198.51.100.23');
    await other.getByLabel('IP to add').press('Enter');
    await other.getByTestId('case-items').getByText('IP 198.51.100.23').waitFor();
    await other.close();

    await dialog.getByTestId('case-delete-confirm').click();
    await dialog
      .getByText(/^Case 1 was changed by .+ since you looked at it: it is not deleted\. It now holds 2 items/)
      .waitFor();
    // The dialog now names the case as it is: a second press deletes that.
    await dialog.getByText('its 2 items (0 sessions and 2 IPs) and 1 note.', { exact: false }).waitFor();
    await dialog.getByTestId('case-delete-now').waitFor();
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'case-delete-cancel',
    );
    await page.screenshot({ path: path.join(SHOTS, 'case-delete-stale.png') });
    expect((JSON.parse(vigil('case', 'show', '1', '--json')) as CaseDetail).items).toHaveLength(2);

    await dialog.getByTestId('case-delete-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="case-detail"][data-case="3"]').waitFor();
    expect(await focused(page)).toBe('#/cases/3');
    const copy = (JSON.parse(vigil('audit', 'case', '1', '--json')) as AuditEntry[]).at(-1)
      ?.before as CaseDetail;
    expect(copy.items.map((i) => i.ip)).toEqual(['10.0.0.1', '198.51.100.23']);

    // The last case: the list is empty and the focus goes to "New case".
    await page.getByTestId('case-delete').click();
    await dialog.getByTestId('case-delete-confirm').click();
    await page.getByText('No cases yet.', { exact: false }).waitFor();
    expect(await page.getByTestId('case-detail').count()).toBe(0);
    expect(await focused(page)).toBe('case-new-link');
    // The refusal is a conflict (409) the browser logs as a failed load, not a server failure.
    expect(errors).toEqual([expect.stringMatching(/^Failed to load resource: .* 409 \(Conflict\)/)]);
    await page.context().close();
  }, 90_000);
});
