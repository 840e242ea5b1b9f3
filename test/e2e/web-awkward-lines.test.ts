// Awkward but real access-log lines in Debian Chromium against `vigil serve`: a TLS handshake sent
// to the plain port (stored, but no request), a 10 KB user agent on a path-traversal request, an
// IPv6 client whose query two high rules match. The drawer keeps a huge value in a box of its own
// (the rule hits stay in sight), gives no user-agent class to a line that is no request; the
// Overview's count of a rule-hit level says how many sessions its click will show, and a click on
// a user agent too long for a filter term says why it changes nothing; an IPv6 client written in
// full breaks in the drawer's heading only after a colon, and the case made from it lists its time
// whole. Screenshots at 1600×1000 of the drawer, the Overview's rule hits, the refused click and
// the case list.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterTo as applyFilter } from './filter-page.js';
import { closeGraphSession, type GraphSession, openGraphSessionOnLog } from './graph-page.js';
import { questionsAnswered, UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, ROOT } from './serve-process.js';
import { renderedLines } from './text-lines.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const HUGE_AGENT = `Mozilla/5.0 ${'A'.repeat(10_240)}`;
const LOG = [
  String.raw`10.0.0.5 - - [25/Apr/2024:00:00:01 +0000] "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" 400 157 "-" "-"`,
  `10.0.0.6 - - [25/Apr/2024:00:00:02 +0000] "GET /static/../../../etc/passwd HTTP/1.1" 404 5 "-" "${HUGE_AGENT}"`,
  // Cross-site scripting and SQL injection, both high: two hits of one level on one session.
  `2001:db8::7 - - [25/Apr/2024:00:00:03 +0000] "GET /search?q=%3Cscript%3Ealert(1)%3C/script%3E%27%20OR%201=1-- HTTP/1.1" 200 512 "-" "curl/8.4.0"`,
  `10.0.0.8 - - [25/Apr/2024:00:00:04 +0000] "GET /index.php?id=1%27%20OR%201=1-- HTTP/1.1" 200 512 "-" "curl/8.4.0"`,
  // An IPv6 client written in full, as some servers log it: 39 characters.
  `2001:0db8:85a3:0000:0000:8a2e:0370:7334 - - [25/Apr/2024:00:00:05 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "curl/8.4.0"`,
];

let dir: string;
let app: GraphSession | undefined;
let page: Page;
let errors: string[];

const filterTo = (text: string) => applyFilter(page, text);

/** Whether the element, or one inside it, holds more than it shows and scrolls to the rest. */
const scrollsInside = (element: Element) =>
  [element, ...element.querySelectorAll('*')].some(
    (e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY === 'auto',
  );

async function openOnly(filter: string): Promise<void> {
  await page.evaluate(() => {
    window.location.hash = '#/sessions';
  });
  await filterTo(filter);
  await expect
    .poll(() => page.getByTestId('sessions-total').getAttribute('data-total'), UNTIL_SHOWN)
    .toBe('1');
  await page.getByTestId('session-row').first().click();
  await page.getByTestId('session-drawer').getByTestId('drawer-request').waitFor();
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-awkward-'));
  const log = path.join(dir, 'access.log');
  fs.writeFileSync(log, `${LOG.join('\n')}\n`);
  fs.mkdirSync(SHOTS, { recursive: true });
  app = await openGraphSessionOnLog(log, path.join(dir, 'v.db'));
  ({ page, pageErrors: errors } = app);
}, 120_000);

afterAll(() => closeGraphSession(app, dir));

describe('awkward access-log lines in the app', () => {
  it('keeps a 10 KB user agent in a box of its own, the rule hits in sight below it', async () => {
    await openOnly('src:10.0.0.6');
    const drawer = page.getByTestId('session-drawer');
    await drawer.getByTestId('drawer-rule-hits').waitFor();
    const ua = drawer.getByTestId('request-ua');
    // The whole value is there, to read by scrolling the box or to copy.
    expect(await ua.textContent()).toContain(HUGE_AGENT);
    // At most ten lines or so, the rest in reach by scrolling that box (not the drawer).
    expect((await ua.boundingBox())!.height).toBeLessThanOrEqual(200);
    expect(await ua.evaluate(scrollsInside)).toBe(true);
    // The rule hits start within the drawer's first screen, not 10 KB of text further down.
    const drawerBox = (await drawer.boundingBox())!;
    const hitsBox = (await drawer.getByTestId('drawer-rule-hits').boundingBox())!;
    expect(hitsBox.y).toBeLessThan(drawerBox.y + drawerBox.height);
    // The Fields list holds the same value in the same kind of box.
    const field = drawer.locator('[data-testid="drawer-fields"] [data-field="userAgent"]');
    expect((await field.boundingBox())!.height).toBeLessThanOrEqual(200);
    expect(await field.evaluate(scrollsInside)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'web-awkward-huge-agent.png') });
  });

  it('gives a line that is no request no user-agent class, as uaclass: gives it none', async () => {
    await openOnly('src:10.0.0.5');
    const drawer = page.getByTestId('session-drawer');
    expect(await drawer.getByTestId('request-raw').textContent()).toBe(
      String.raw`\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03`,
    );
    expect(await drawer.getByTestId('request-ua').locator('.ua-class').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'web-awkward-tls-line.png') });
    // The filter agrees: the line is in no class, `empty` included.
    await filterTo('src:10.0.0.5 uaclass:empty');
    await expect
      .poll(() => page.getByTestId('sessions-total').getAttribute('data-total'), UNTIL_SHOWN)
      .toBe('0');
  });

  it("says how many sessions a rule-hit level's click shows, and the click shows that many", async () => {
    await page.evaluate(() => {
      window.location.hash = '#/overview';
    });
    await filterTo('');
    await page.getByTestId('rule-hit-panels').waitFor();
    await questionsAnswered(page);
    const high = page.getByTestId('rule-hit-levels').locator('button', { hasText: 'high' });
    // Four high hits (two on the IPv6 client's one request) on three sessions.
    expect(await high.textContent()).toBe('4 high in 3 sessions');
    await page.getByTestId('rule-hit-levels').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'web-awkward-levels.png') });
    await high.click();
    await expect.poll(() => page.getByTestId('filter-input').inputValue(), UNTIL_SHOWN).toBe('level:high');
    await page.evaluate(() => {
      window.location.hash = '#/sessions';
    });
    await expect
      .poll(() => page.getByTestId('sessions-total').getAttribute('data-total'), UNTIL_SHOWN)
      .toBe('3');
    expect(errors).toEqual([]);
  });
  it('says why a click on a user agent too long for a filter term changes nothing, until the next click', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/overview';
    });
    await filterTo('');
    await page.getByTestId('top-user-agents').waitFor();
    await questionsAnswered(page);
    await page.getByTestId('top-user-agents').locator('li', { hasText: 'AAAA' }).locator('button').click();
    const refused = page.getByTestId('filter-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('at most 500 characters');
    expect(await refused.textContent()).toContain('10,252');
    expect(await page.getByTestId('filter-input').inputValue()).toBe('');
    await page.screenshot({ path: path.join(SHOTS, 'web-awkward-refused-pivot.png') });
    // A value that fits applies as ever, and the note goes.
    await page
      .getByTestId('top-user-agents')
      .locator('li', { hasText: 'curl/8.4.0' })
      .locator('button')
      .click();
    await expect
      .poll(() => page.getByTestId('filter-input').inputValue(), UNTIL_SHOWN)
      .toBe('ua:=curl/8.4.0');
    expect(await refused.count()).toBe(0);
    await filterTo('');
    expect(errors).toEqual([]);
  });
  it('breaks a long IPv6 source in the drawer heading only after a colon, never inside a group', async () => {
    await openOnly('src:2001:db8:85a3::8a2e:370:7334');
    const lines = await renderedLines(page.getByTestId('drawer-route'));
    expect(lines.join('')).toBe('2001:0db8:85a3:0000:0000:8a2e:0370:7334');
    // It does not fit beside "Session N" and the buttons: it breaks, and only after a colon.
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/:$/);
    await page.screenshot({ path: path.join(SHOTS, 'web-awkward-ipv6-drawer.png') });
  });
  it('lists a case with the time it changed on one line, never cut inside the date', async () => {
    await openOnly('src:2001:db8:85a3::8a2e:370:7334');
    await page.getByTestId('drawer-new-case').click();
    await page.getByTestId('case-title-input').fill('Full-form IPv6 client');
    await page.getByTestId('case-create').click();
    await page.getByTestId('case-title').getByText('Full-form IPv6 client').waitFor();
    const item = page.getByTestId('case-list').locator('li', { hasText: 'Full-form IPv6 client' });
    const lines = await renderedLines(item.locator('.muted'));
    const time = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/;
    expect(lines.join('')).toMatch(time);
    expect(lines.some((line) => time.test(line))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'web-awkward-case-list.png') });
  });
});
