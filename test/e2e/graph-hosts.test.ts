// An access log in the graph, in Chromium against serve mode: its requests name no server IP, so
// they end at the host they asked for. Finding the host selects it without an IP drill-down (it is
// no IP) and says where its requests are; an edge's panel lists the client's requests to it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canvasNumber,
  closeGraphSession,
  type GraphSession,
  layoutAtRest,
  openGraphSessionOnLog,
  searchGraph,
} from './graph-page.js';
import { UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt } from './serve-process.js';

let dir: string;
let session: GraphSession;

const line = (client: string, second: number, target: string, vhost: string) =>
  `${vhost} ${client} - - [25/Apr/2024:10:00:${String(second).padStart(2, '0')} +0000] "GET ${target} HTTP/1.1" 200 100 "-" "curl/8.5.0"`;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-graph-hosts-'));
  const file = path.join(dir, 'vhosts.log');
  const lines = [];
  for (let i = 0; i < 12; i++) lines.push(line(`10.0.0.${1 + (i % 4)}`, i, `/p${i}`, 'shop.example.com:443'));
  lines.push(line('10.0.0.9', 30, '/blog', 'blog.example.com:80'));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  session = await openGraphSessionOnLog(file, path.join(dir, 'hosts.db'));
  await session.page.getByTestId('nav-graph').click();
  await session.page.locator('[data-testid="graph-canvas"][data-state="ready"][data-frames]').waitFor();
  await layoutAtRest(session.page);
}, 120_000);

afterAll(() => closeGraphSession(session, dir));

describe('hosts in the graph', () => {
  it('draws the clients around their hosts, and a host opens no IP drill-down', {
    timeout: 60_000,
  }, async () => {
    const { page } = session;
    // Five clients, two hosts.
    expect(await canvasNumber(page, 'data-nodes')).toBe(7);
    // The summary counts the hosts apart: they are no IPs (it read "7 IPs").
    expect(await page.getByTestId('graph-summary').textContent()).toBe('5 IPs · 2 hosts · 5 edges');
    await searchGraph(page, 'shop.example.com');
    await expect
      .poll(() => page.getByText('shop.example.com is a host the requests asked for').count(), UNTIL_SHOWN)
      .toBe(1);
    expect(await page.getByTestId('ip-panel').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it('finds an IP typed in another text form than the log wrote (IPv4-mapped here)', {
    timeout: 60_000,
  }, async () => {
    const { page } = session;
    await searchGraph(page, '::FFFF:10.0.0.2');
    // The node drawn for the address is focused and drilled into, not "no connection ... without a node".
    await page.locator('[data-testid="graph-canvas"][data-focused="10.0.0.2"]').waitFor();
    await page.locator('[data-testid="ip-panel"][data-ip="10.0.0.2"]').waitFor();
    expect(await page.getByText('has no connection in this filter').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it('Escape closes the drill-down, as it closes the Sessions drawer, but not while typing', {
    timeout: 60_000,
  }, async () => {
    const { page } = session;
    const panel = page.locator('[data-testid="ip-panel"][data-ip="10.0.0.2"]');
    await panel.waitFor();
    // In the search box Escape is the box's own (it clears the text): the panel stays.
    await page.getByTestId('graph-search').press('Escape');
    expect(await panel.count()).toBe(1);
    await page.getByRole('heading', { name: 'IP graph' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count(), UNTIL_SHOWN).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
