// A rule's hit count in the Rules view opens exactly the sessions that rule matched, even when
// another rule (of the pack, or of another folder) has the same title or the same id: Debian
// Chromium against `vigil serve` over a generated access log, with a folder whose rules copy a pack
// rule's title and another pack rule's id. The sessions view's total must equal the rule's hits, as
// counted in the database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from './chromium.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const CLI = path.join(ROOT, 'bin', 'vigil.js');
const PACK_SQLI = 'SQL injection in a web request';
const PACK_XSS_ID = '5070331b-72a5-4d06-ab6e-38fac257506b';

// The pack's SQL injection title on a much broader rule of the analyst's own.
const SAME_TITLE = `title: ${PACK_SQLI}
id: 2a7e5c1d-4b3f-4e8a-9c6d-1f0b2e3d4c5a
level: medium
logsource:
  category: webserver
detection:
  sel:
    cs-uri-stem|contains: /search
  condition: sel
`;
// The pack's XSS id on a rule of the analyst's own (ids are only unique within a set).
const SAME_ID = `title: Login form posted
id: ${PACK_XSS_ID}
level: low
logsource:
  category: webserver
detection:
  sel:
    cs-uri-stem|contains: /login
  condition: sel
`;

let dir: string;
let db: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let errors: string[];

function vigil(...args: string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vigil ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** Hits of the rule with this title and id, as the database holds them. */
function storedHits(title: string, ruleId: string): number {
  const reader = new Database(db, { readonly: true });
  try {
    return reader
      .prepare(
        'SELECT count(DISTINCT h.session_id) FROM rule_hits h JOIN rules r ON r.id = h.rule WHERE r.title = ? AND r.rule_id = ?',
      )
      .pluck()
      .get(title, ruleId) as number;
  } finally {
    reader.close();
  }
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-rules-pivot-'));
  const log = path.join(dir, 'access.log');
  db = path.join(dir, 'web.db');
  vigil(
    'generate',
    '--format',
    'combined',
    '--rows',
    '3000',
    '--seed',
    '17',
    '--attack-rate',
    '0.1',
    '--out',
    log,
  );
  vigil('ingest', log, '--db', db);
  const rules = path.join(dir, 'my-rules');
  fs.mkdirSync(rules);
  fs.writeFileSync(path.join(rules, 'same-title.yml'), SAME_TITLE);
  fs.writeFileSync(path.join(rules, 'same-id.yml'), SAME_ID);
  vigil('rules', 'add', rules, '--db', db);
  vigil('rules', 'run', '--db', db);
  serve = await startServe(db, ['--no-sample']);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  page = await context.newPage();
  errors = collectPageErrors(page);
  await page.goto(serve.url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serve) expect(await serve.stop()).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Clicks the hit count of the rule titled `title` in the set `source`; the sessions total it opens. */
async function pivot(source: string, title: string): Promise<{ total: number; filter: string }> {
  await page.getByTestId('nav-rules').click();
  await page.getByTestId('view-rules').waitFor();
  const row = page
    .locator(`[data-source="${source}"]`)
    .getByTestId('rule-row')
    .filter({ has: page.getByRole('cell', { name: title, exact: true }) });
  await row.getByTestId('rule-open-sessions').click();
  const total = page.getByTestId('sessions-total');
  await total.waitFor();
  const filter = await page.getByTestId('filter-input').inputValue();
  // The total settles once the filtered count is in.
  await expect.poll(async () => (await total.textContent()) ?? '', { timeout: 10_000 }).toMatch(/\d/);
  await page.waitForTimeout(500);
  const value = Number(await total.getAttribute('data-total'));
  await page.getByTestId('filter-clear').click();
  return { total: value, filter };
}

describe("a rule's hit count opens that rule's sessions", () => {
  const folder = () => fs.realpathSync(path.join(dir, 'my-rules'));

  it('for two rules with one title, each opens its own sessions', async () => {
    const packHits = storedHits(PACK_SQLI, '5b12d2b4-5aec-4a62-9f03-cb35939d4fce');
    const mineHits = storedHits(PACK_SQLI, '2a7e5c1d-4b3f-4e8a-9c6d-1f0b2e3d4c5a');
    expect(packHits).toBeGreaterThan(0);
    expect(mineHits).toBeGreaterThan(0);
    expect((await pivot('pack', PACK_SQLI)).total).toBe(packHits);
    expect((await pivot(folder(), PACK_SQLI)).total).toBe(mineHits);
  });

  // Here the titles differ: the pivot must not fall back on the id, which both rules have.
  it('for two rules with one id, each opens its own sessions', async () => {
    const packHits = storedHits('Cross-site scripting in a web request', PACK_XSS_ID);
    const mineHits = storedHits('Login form posted', PACK_XSS_ID);
    expect(packHits).toBeGreaterThan(0);
    expect(mineHits).toBeGreaterThan(0);
    expect((await pivot('pack', 'Cross-site scripting in a web request')).total).toBe(packHits);
    expect((await pivot(folder(), 'Login form posted')).total).toBe(mineHits);
  });

  // The Overview's Top rules list pivots as the Rules view does: two rows of one title, two terms.
  it("on the Overview, each of two rules with one title adds its own rule's term", async () => {
    await page.getByTestId('nav-overview').click();
    const rows = page.getByTestId('top-rules').getByRole('button', { name: PACK_SQLI, exact: false });
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    const terms: string[] = [];
    for (const i of [0, 1]) {
      await rows.nth(i).click();
      terms.push(await page.getByTestId('filter-input').inputValue());
      await page.getByTestId('filter-clear').click();
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    }
    expect(terms.sort()).toEqual(
      ['sigma:=2a7e5c1d-4b3f-4e8a-9c6d-1f0b2e3d4c5a', 'sigma:=5b12d2b4-5aec-4a62-9f03-cb35939d4fce'].sort(),
    );
  });

  it('a rule with a title of its own is opened by its title', async () => {
    const { filter } = await pivot('pack', 'Vulnerability scanner or attack tool user agent');
    expect(filter).toBe('sigma:="Vulnerability scanner or attack tool user agent"');
    expect(errors).toEqual([]);
  });
});
