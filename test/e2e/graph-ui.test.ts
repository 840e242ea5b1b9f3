// The IP graph in Debian Chromium against serve mode (production build): WebGL from SwiftShader,
// a drawn (non-blank) canvas, the layout in a worker, search → drill-down listing the IP's
// sessions, double-click expansion, and hostile log strings that stay text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open.js';
import { generateTraffic } from '../../src-main/core/generate/generate.js';
import { runImport } from '../../src-main/core/ingest/pipeline.js';
import { collectPageErrors, launchChromium, webGlRenderer } from './chromium.js';
import {
  canvasNumber,
  graphCanvas,
  layoutAtRest as layoutAtRestOn,
  searchGraph,
  stageAtRest as stageAtRestOn,
} from './graph-page.js';
import { countInkPixels } from './ink-pixels.js';
import { assertBuilt, ROOT, type ServeProcess, startServe } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const HEADER =
  'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types';
const PAYLOAD = '<img src=x onerror="window.__pwned=1">';
const HOSTILE_IP = '198.51.100.66';

let dir: string;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];
let server: string;
let expandable: string;

/** A generated week of traffic plus three sessions whose rule and detection fields are markup. */
async function buildDatabase(dbPath: string): Promise<{ busiest: string; expandable: string }> {
  const generated = await generateTraffic({
    rows: 20_000,
    seed: 21,
    out: path.join(dir, 'traffic.csv'),
    format: 'cloudwatch-csv',
    start: Date.UTC(2024, 3, 25),
    days: 7,
    attackRate: 0.05,
  });
  const db = openDatabase(dbPath);
  try {
    await runImport(db, { file: generated.out, enrich: false });
    const busiest = db
      .prepare('SELECT dst_ip AS ip FROM sessions GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')
      .get() as { ip: string };
    const quoted = `"${PAYLOAD.replaceAll('"', '""')}"`;
    const rows = [1, 2, 3].map(
      (hour) =>
        `10,20,2024-04-26T0${hour}:00:00Z,2024-04-26T0${hour}:05:00Z,${HOSTILE_IP},US,HTTPS,200,443,${busiest.ip},${quoted},o,m,n,2024-04-26T0${hour}:00:00Z,${quoted}`,
    );
    const hostile = path.join(dir, 'hostile.csv');
    fs.writeFileSync(hostile, `${HEADER}\n${rows.join('\n')}\n`);
    const record = await runImport(db, { file: hostile, enrich: false });
    expect(record.stored).toBe(3);
    // A destination drawn among the 1 000 heaviest edges with more edges outside them: expanding
    // it must add some. (Same order as the API: weight, then addresses.)
    const cut = db
      .prepare(
        `WITH ranked AS (
           SELECT dst_ip AS dst, row_number() OVER (ORDER BY count(*) DESC, src_ip, dst_ip) AS rank
           FROM sessions GROUP BY src_ip, dst_ip)
         SELECT dst FROM ranked GROUP BY dst HAVING sum(rank <= 1000) > 0
         ORDER BY sum(rank > 1000) DESC LIMIT 1`,
      )
      .get() as { dst: string };
    return { busiest: busiest.ip, expandable: cut.dst };
  } finally {
    db.close();
  }
}

const canvas = () => graphCanvas(page);
const attr = (name: string) => canvasNumber(page, name);
const stageAtRest = () => stageAtRestOn(page);
const search = (ip: string) => searchGraph(page, ip);
const layoutAtRest = () => layoutAtRestOn(page);

/** Sigma's doubleClickTimeout (300 ms) and a margin. */
const DOUBLE_CLICK_MS = 350;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-graph-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  const dbPath = path.join(dir, 'graph.db');
  ({ busiest: server, expandable } = await buildDatabase(dbPath));
  [browser, serve] = await Promise.all([
    launchChromium({ webgl: true }),
    startServe(dbPath, ['--no-sample']),
  ]);
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, colorScheme: 'dark' });
  page = await context.newPage();
  pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
});

afterAll(async () => {
  await browser?.close();
  const code = await serve?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
});

describe('IP graph in Debian Chromium', () => {
  it('has WebGL from SwiftShader with the documented flags', async () => {
    expect(await webGlRenderer(page)).toMatch(/SwiftShader/);
  });

  it('draws the graph: a ready canvas with nodes, edges and painted pixels', async () => {
    // Every state the canvas passes through, even within one task (each change's old value).
    await page.evaluate(() => {
      const states: string[] = [];
      (window as { __graphStates?: string[] }).__graphStates = states;
      const canvas = () => document.querySelector('[data-testid="graph-canvas"]');
      new MutationObserver((records) => {
        for (const record of records)
          if (record.type === 'attributes' && record.target === canvas()) states.push(record.oldValue ?? '');
      }).observe(document.body, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-state'],
        attributeOldValue: true,
      });
    });
    await page.getByTestId('nav-graph').click();
    await page.locator('[data-testid="graph-canvas"][data-state="ready"][data-frames]').waitFor();
    // A graph with edges never says "no connections" while it is being drawn.
    const states = await page.evaluate(() => (window as { __graphStates?: string[] }).__graphStates!);
    expect(states.length).toBeGreaterThan(0);
    expect([...states, 'ready']).not.toContain('empty');
    expect(await attr('data-nodes')).toBeGreaterThan(100);
    expect(await attr('data-edges')).toBeGreaterThan(100);
    // The stage above the legend: WebGL output only. A blank WebGL canvas would count ~0.
    const box = (await canvas().boundingBox())!;
    const clip = { x: box.x, y: box.y, width: box.width, height: box.height * 0.7 };
    const shot = await page.screenshot({ clip });
    const ink = await countInkPixels(browser, shot);
    expect(ink.fraction).toBeGreaterThan(0.005);
    await page.screenshot({ path: path.join(SHOTS, 'graph.png') });
  });

  it('runs ForceAtlas2 in a web worker, and Stop / Start control it', async () => {
    const layoutWorkers = () =>
      page.workers().filter((worker) => /fa2\.worker-[\w-]+\.js$/.test(worker.url()));
    // Playwright learns of a worker's start and end from DevTools events that may trail the
    // page's own state attribute, so the worker count is polled, not read once.
    const layoutWorkerCount = () => expect.poll(() => layoutWorkers().length, { timeout: 5000 });
    await layoutAtRest();
    await layoutWorkerCount().toBe(0);
    await page.getByTestId('graph-layout').click();
    await page.locator('[data-testid="graph-canvas"][data-layout="running"]').waitFor();
    await layoutWorkerCount().toBe(1);
    // Positions keep arriving from the worker: Sigma redraws while the layout runs.
    const frames = await attr('data-frames');
    await page.waitForFunction(
      (n) =>
        Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-frames')) > n + 5,
      frames,
    );
    await page.getByTestId('graph-layout').click();
    await layoutAtRest();
    await layoutWorkerCount().toBe(0);
  });

  it('finds an IP outside the loaded edges, opens its drill-down, lists its sessions as text', async () => {
    await page.getByTestId('graph-limit').selectOption('1000');
    await page.locator('[data-testid="graph-canvas"][data-state="ready"][data-edges="1000"]').waitFor();
    await search(HOSTILE_IP);
    const panel = page.locator(`[data-testid="ip-panel"][data-ip="${HOSTILE_IP}"]`);
    await panel.locator('[data-testid="ip-profile"][data-sessions="3"]').waitFor();
    expect(await attr('data-edges')).toBe(1001);
    const rows = panel.getByTestId('ip-session-list').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain(`${HOSTILE_IP} → ${server}`);
    expect(await rows.first().locator('td').nth(3).textContent()).toBe(PAYLOAD);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await panel.getByTestId('ip-series').locator('canvas').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'graph-drilldown.png') });
  });

  it('clicking an edge lists the sessions behind it (edges are hit-tested on click)', async () => {
    // The hostile IP has one edge, to the busiest server; focused, only that edge is lit.
    // Somewhere on a ring around the IP, a click lands on the edge.
    const focusHostile = async () => {
      await search(HOSTILE_IP);
      await page.locator(`[data-testid="graph-canvas"][data-focused="${HOSTILE_IP}"]`).waitFor();
      await stageAtRest();
    };
    // A layout still running would move the IP away from where the camera put it.
    await layoutAtRest();
    await stageAtRest();
    await focusHostile();
    const box = (await canvas().boundingBox())!;
    const centre = { x: box.x + (await attr('data-focus-x')), y: box.y + (await attr('data-focus-y')) };
    const edgePanel = page.getByTestId('edge-panel');
    // 36 points 60 px out are at most 5 px from any line through the centre; clicks are spaced
    // past Sigma's double-click window, or two of them would zoom the camera.
    let hit = false;
    for (let step = 0; step < 36 && !hit; step++) {
      const angle = (2 * Math.PI * step) / 36;
      await page.mouse.click(centre.x + 60 * Math.cos(angle), centre.y + 60 * Math.sin(angle));
      hit = await edgePanel.isVisible();
      // A click on another IP selects it and unlights the edge: focus the hostile IP again.
      if (!hit && !(await page.locator(`[data-testid="ip-panel"][data-ip="${HOSTILE_IP}"]`).isVisible()))
        await focusHostile();
      await page.waitForTimeout(DOUBLE_CLICK_MS);
    }
    expect(hit).toBe(true);
    await expect.poll(() => edgePanel.getAttribute('aria-label')).toBe(`Edge ${HOSTILE_IP} to ${server}`);
    await edgePanel.locator('[data-testid="edge-total"][data-total="3"]').waitFor();
  });

  it('a new filter refreshes the edge panel while the edge is drawn, and closes it once it is not', async () => {
    const edgePanel = page.getByTestId('edge-panel');
    // Applied once the stage has been through "loading" (seen by the first test's observer) and left it.
    const filterBy = async (text: string) => {
      const seen = await page.evaluate(() => (window as { __graphStates?: string[] }).__graphStates!.length);
      await page.getByTestId('filter-input').fill(text);
      await page.getByTestId('filter-input').press('Enter');
      await page.waitForFunction(
        (n) =>
          (window as { __graphStates?: string[] }).__graphStates!.slice(n).includes('loading') &&
          document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-state') !== 'loading',
        seen,
      );
    };
    // The edge is all a filter on its source draws; the hostile sessions come from the US, so a
    // German filter leaves it out.
    await filterBy(`src:${HOSTILE_IP}`);
    expect(await attr('data-edges')).toBe(1);
    expect(await edgePanel.getAttribute('aria-label')).toBe(`Edge ${HOSTILE_IP} to ${server}`);
    await edgePanel.locator('[data-testid="edge-total"][data-total="3"]').waitFor();
    await filterBy('country:DE');
    expect(await attr('data-edges')).toBeGreaterThan(0);
    expect(await edgePanel.count()).toBe(0);
    await filterBy('');
    await layoutAtRest();
  });

  it('clicking a node opens its drill-down; double-clicking expands its neighbours', async () => {
    // The test before left no panel open.
    await layoutAtRest();
    await search(expandable);
    await page.locator(`[data-testid="graph-canvas"][data-focused="${expandable}"]`).waitFor();
    await stageAtRest();
    // Where the camera put the server: a click there lands on it, also after a drag (picking is
    // parked while the stage is dragged and must be back once it is released). The drag returns
    // to where it started and pauses before release, so no inertia moves on.
    const box = (await canvas().boundingBox())!;
    const centre = { x: box.x + (await attr('data-focus-x')), y: box.y + (await attr('data-focus-y')) };
    await page.getByRole('button', { name: 'Close panel' }).click();
    await page.mouse.move(centre.x - 150, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x - 50, centre.y + 60, { steps: 8 });
    await page.mouse.move(centre.x - 150, centre.y, { steps: 8 });
    await page.waitForTimeout(300);
    await page.mouse.up();
    await stageAtRest();
    // The layers hidden for the drag (edges, labels) are shown again.
    for (const layer of ['.sigma-edges', '.sigma-labels'])
      expect(await page.locator(layer).evaluate((e) => getComputedStyle(e).visibility)).toBe('visible');
    await page.mouse.click(centre.x, centre.y);
    await page
      .locator(`[data-testid="ip-panel"][data-ip="${expandable}"] [data-testid="ip-profile"]`)
      .waitFor();
    const before = await attr('data-edges');
    await page.mouse.dblclick(centre.x, centre.y);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="graph-canvas"]')?.getAttribute('data-edges')) > n,
      before,
    );
    await page.screenshot({ path: path.join(SHOTS, 'graph-expanded.png') });
  });

  it('clicks through to Sessions with the global filter narrowed to the IP', async () => {
    // The IP whose panel is open: on a loaded machine the expansion above can move another node
    // under the second click of the double click, which then selects that one.
    const ip = await page.getByTestId('ip-panel').getAttribute('data-ip');
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await page.getByTestId('ip-open-sessions').click();
    await page.getByTestId('view-sessions').waitFor();
    // The address holds the filter in force once the view has written it (sessions-hash.ts).
    await expect
      .poll(() => page.evaluate(() => decodeURIComponent(window.location.hash)))
      .toMatch(/^#\/sessions\?q=ip:\d+\.\d+\.\d+\.\d+$/);
    // The filter is global: the Sessions view (and every other) now reads `ip:<that IP>`.
    expect(await page.getByTestId('filter-bar').locator('input').inputValue()).toBe(`ip:${ip}`);
  });

  it('logged no console error or CSP violation (the layout worker loads under the CSP)', () => {
    expect(pageErrors).toEqual([]);
  });
});
