// The IP graph of a ClickHouse source, in Chromium (WebGL) against serve mode and a real throwaway
// clickhouse-server: the engine's heaviest address pairs are drawn with the local graph's Sigma
// drawing — exactly the answer's addresses and pairs, ink on the canvas — and a click on a node
// offers the global filter and the pull instead of the workspace's drill-down.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpGraph } from '../../src-shared/graph.js';
import { fixtureRows } from '../helpers/clickhouse-fixture.js';
import type { ClickHouseServer } from '../helpers/clickhouse-server.js';
import {
  closeClickHouseApp,
  type FleetWorkspace,
  fleetWorkspace,
  openClickHouseApp,
} from './clickhouse-app.js';
import { canvasNumber, graphCanvas, layoutAtRest, stageAtRest } from './graph-page.js';
import { countInkPixels } from './ink-pixels.js';
import { UNTIL_SHOWN } from './page-answered.js';
import { assertBuilt, ROOT, type ServeProcess } from './serve-process.js';

const SHOTS = process.env.VIGIL_SHOTS_DIR ?? path.join(ROOT, 'test-results', 'screenshots');
const ROWS = fixtureRows(3000, 5);
let ENV: FleetWorkspace['env'];

let dir: string;
let dbPath: string;
let server: ClickHouseServer;
let browser: Browser;
let serve: ServeProcess;
let page: Page;
let pageErrors: string[];
/** The error of every API call that failed, as the server said it. */
let failedCalls: string[];

beforeAll(async () => {
  assertBuilt();
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ dir, dbPath, server, env: ENV } = await fleetWorkspace('vigil-e2e-ch-graph-', ROWS));
  ({ browser, serve, page, pageErrors, failedCalls } = await openClickHouseApp(dbPath, ENV, { webgl: true }));
}, 120_000);

afterAll(async () => {
  expect(await closeClickHouseApp({ browser, server, serve, dir })).toBe(0);
});

describe('the graph of a ClickHouse source (serve mode, clickhouse-server 18.16)', () => {
  it("draws the engine's address pairs with the graph's drawing, under the remote banner", async () => {
    // Chosen on the Graph view itself, so that the Overview asks the engine nothing.
    await page.goto(`http://127.0.0.1:${serve.port}/#/graph`);
    const answered = page.waitForResponse(
      (response) => response.ok() && response.url().endsWith('/api/sourceGraphEdges'),
    );
    await page.getByTestId('source-chooser').selectOption('fleet');
    const graph = ((await (await answered).json()) as { value: IpGraph }).value;
    expect(graph.nodes.ip.length).toBeGreaterThan(50);
    expect(await page.getByTestId('remote-label').textContent()).toBe(
      'Remote: fleet (ClickHouse) — computed by the engine',
    );
    await page.locator('[data-testid="graph-canvas"][data-state="ready"][data-frames]').waitFor();
    await layoutAtRest(page);
    await stageAtRest(page);
    // Every address and pair of the answer is a node and an edge of the drawing.
    expect(await canvasNumber(page, 'data-nodes')).toBe(graph.nodes.ip.length);
    expect(await canvasNumber(page, 'data-edges')).toBe(graph.edges.weight.length);
    // The stage above the legend: WebGL output only. A blank WebGL canvas would count ~0.
    const box = (await graphCanvas(page).boundingBox())!;
    const shot = await page.screenshot({ clip: { ...box, height: box.height * 0.7 } });
    expect((await countInkPixels(browser, shot)).fraction).toBeGreaterThan(0.005);
    // The pairs are still listed, folded under the drawing.
    await page.getByTestId('remote-edge-count').click();
    expect(await page.locator('[data-testid="remote-edges"] tbody tr').count()).toBe(
      graph.edges.weight.length,
    );
  });

  it('a node offers the filter and the pull, not the local drill-down', async () => {
    // Selected from the list, the node is lit in the drawing, which says where it is.
    const address = (await page
      .locator('[data-testid="remote-edges"] tbody td button')
      .first()
      .textContent())!;
    await page.locator('[data-testid="remote-edges"] tbody td button').first().click();
    const panel = page.getByTestId('remote-node-panel');
    expect(await panel.locator('h2').textContent()).toBe(address);
    await page.getByTestId('remote-edge-count').click();
    await page.locator(`[data-testid="graph-canvas"][data-focus-x]`).waitFor();
    await stageAtRest(page);
    const x = await canvasNumber(page, 'data-focus-x');
    const y = await canvasNumber(page, 'data-focus-y');
    await panel.getByRole('button', { name: 'Close panel' }).click();
    await panel.waitFor({ state: 'detached' });
    // A click on the node itself in the canvas opens the same panel.
    const box = (await graphCanvas(page).boundingBox())!;
    await page.mouse.click(box.x + x, box.y + y);
    await panel.waitFor();
    expect(await panel.locator('h2').textContent()).toBe(address);
    expect(await page.getByTestId('ip-panel').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'ch-remote-graph.png') });
    // The filter narrows every view, this graph included: the engine is asked again.
    const asked = page.waitForResponse(
      (response) => response.ok() && response.url().endsWith('/api/sourceGraphEdges'),
    );
    await panel.getByTestId('remote-node-filter').click();
    await expect.poll(() => page.getByTestId('filter-input').inputValue()).toBe(`src:${address}`);
    const narrowed = ((await (await asked).json()) as { value: IpGraph }).value;
    const sources = new Set(narrowed.edges.source.map((i) => narrowed.nodes.ip[i]));
    expect(sources).toEqual(new Set([address]));
    await page.locator(`[data-testid="graph-canvas"][data-nodes="${narrowed.nodes.ip.length}"]`).waitFor();
    // Pull offers the count of this IP's sessions on the engine.
    await page.getByTestId('remote-node-panel').getByTestId('remote-node-pull').click();
    const expected = ROWS.filter((row) => row.srcIp === address).length;
    // Counted by the engine: a round trip to ClickHouse.
    await expect
      .poll(() => page.getByTestId('pull-dialog').getByTestId('pull-count').textContent(), UNTIL_SHOWN)
      .toBe(expected.toLocaleString('en-US'));
    // A question a view leaves behind is cancelled on the engine and answers 499 (cancelledCalls),
    // which is no failure: nothing failed, and the page logged no error.
    expect(failedCalls).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
