// The graph points at attackers, in Debian Chromium through serve mode at 1600×1000: a node is
// sized and coloured by the sessions it originated, finding a busy server keeps its surroundings
// readable, the side panel never covers the IP it describes, and long IPs never wrap in its header.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalIp } from '../../src-shared/ip.js';
import { buildGraphDatabase, type GraphFixture, IPV6_CLIENT } from './graph-fixture.js';
import {
  canvasNumber,
  focusIp,
  graphCanvas,
  layoutAtRest,
  openGraphSession,
  searchGraph,
  stageAtRest,
} from './graph-page.js';
import { assertBuilt, ROOT, type ServeProcess } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
/** The most labels focus mode draws: the focused IP and its heaviest neighbours. */
const MOST_LABELS = 1 + 12;

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];
let fixture: GraphFixture;

const focusAttr = async (name: string) => graphCanvas(page).getAttribute(name);

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-graph-focus-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  const dbPath = path.join(dir, 'graph.db');
  fixture = await buildGraphDatabase(dir, dbPath);
  ({ browser, serve, page, pageErrors } = await openGraphSession(dbPath));
  await page.getByTestId('nav-graph').click();
  await page.locator('[data-testid="graph-canvas"][data-state="ready"][data-frames]').waitFor();
  await layoutAtRest(page);
  await stageAtRest(page);
  await page.screenshot({ path: path.join(SHOTS, 'graph-normal.png') });
});

afterAll(async () => {
  await browser?.close();
  const code = await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('the graph points at attackers', () => {
  it('draws an attacker larger than the server it attacks, and says what size means', async () => {
    await focusIp(page, fixture.attacker);
    const attackerSize = Number(await focusAttr('data-focus-size'));
    await focusIp(page, fixture.server);
    const serverSize = Number(await focusAttr('data-focus-size'));
    // The server received the most sessions of all and originated none.
    expect(attackerSize).toBeGreaterThan(2 * serverSize);
    expect(await page.getByTestId('graph-legend').textContent()).toMatch(/Size: sessions it originated/);
  });

  it('colours by the verdict on the sessions an IP originated, not on those it received', async () => {
    await page.getByTestId('graph-colour').selectOption('verdict');
    await focusIp(page, fixture.judged);
    expect(await focusAttr('data-focus-colour')).toBe('#e5484d');
    // Every session the judged attacker sent reached a server; the server itself is not judged.
    await focusIp(page, fixture.server);
    expect(await focusAttr('data-focus-colour')).toBe('#6b7785');
    await page.getByTestId('graph-colour').selectOption('score');
  });

  it('finding a busy server labels its heaviest neighbours, on screen, and few labels else', async () => {
    await focusIp(page, fixture.server);
    const labels = (await focusAttr('data-focus-labels'))?.split(' ') ?? [];
    expect(labels).toContain(fixture.server);
    expect(labels.length).toBeLessThanOrEqual(MOST_LABELS);
    // The panel's top peers are the heaviest neighbours: the first few are labelled and in view.
    const peers = await page.getByTestId('ip-peers').locator('button').allTextContents();
    const top = peers.slice(0, 5).map((text) => text.replace(/^[→←]\s*/, ''));
    expect(top.length).toBe(5);
    for (const peer of top) expect(labels).toContain(peer);
    await page.screenshot({ path: path.join(SHOTS, 'graph-focused-server.png') });
  });

  it('the side panel never covers the IP it describes: the camera moves it into view', async () => {
    await focusIp(page, fixture.attacker);
    const box = (await graphCanvas(page).boundingBox())!;
    const x = await canvasNumber(page, 'data-focus-x');
    const y = await canvasNumber(page, 'data-focus-y');
    await page.getByRole('button', { name: 'Close panel' }).click();
    // Drag the stage (below the IP, off any node) so the attacker sits where the panel opens, then
    // click it there.
    const target = box.width - 150;
    await page.mouse.move(box.x + x, box.y + y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + target, box.y + y + 40, { steps: 10 });
    await page.waitForTimeout(300);
    await page.mouse.up();
    await stageAtRest(page);
    await page.mouse.click(box.x + target, box.y + y);
    const panel = page.locator(`[data-testid="ip-panel"][data-ip="${fixture.attacker}"]`);
    await panel.locator('[data-testid="ip-profile"]').waitFor();
    await stageAtRest(page);
    const panelBox = (await panel.boundingBox())!;
    const shown = box.x + (await canvasNumber(page, 'data-focus-x'));
    expect(shown).toBeGreaterThan(box.x + 20);
    expect(shown).toBeLessThan(panelBox.x - 20);
    await page.screenshot({ path: path.join(SHOTS, 'graph-side-panel.png') });
  });

  it('an IPv6 address stays on one line in the panel header, whole or with its full form in a title', async () => {
    // The log writes it in full; the graph names an address's node by its RFC 5952 form (one node
    // for all its text forms), still the longest address here, and finds it typed as the log wrote it.
    const node = canonicalIp(IPV6_CLIENT);
    await searchGraph(page, IPV6_CLIENT);
    await page.locator(`[data-testid="graph-canvas"][data-focused="${node}"]`).waitFor();
    await stageAtRest(page);
    const heading = page.locator(`[data-testid="ip-panel"][data-ip="${node}"] h2`);
    const shape = await heading.evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        height: element.getBoundingClientRect().height,
        lineHeight: Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.3,
        clipped: element.scrollWidth > element.clientWidth,
        title: element.getAttribute('title'),
        text: element.textContent,
      };
    });
    expect(shape.text).toBe(node);
    expect(shape.height).toBeLessThan(1.5 * shape.lineHeight);
    if (shape.clipped) expect(shape.title).toBe(node);
    // Framed with its one neighbour, the client is not left under the legend in the bottom corner.
    const stage = (await graphCanvas(page).boundingBox())!;
    const legend = (await page.getByTestId('graph-legend').boundingBox())!;
    expect(stage.y + (await canvasNumber(page, 'data-focus-y'))).toBeLessThan(legend.y - 10);
    await page.screenshot({ path: path.join(SHOTS, 'graph-ipv6-panel.png') });
  });

  it('logged no console error', () => {
    expect(pageErrors).toEqual([]);
  });
});
