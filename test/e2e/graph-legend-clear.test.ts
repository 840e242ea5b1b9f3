// No node starts under the graph's legend, in Chromium with WebGL through serve mode, on the
// embedded sample and on a generated workspace of more than 5 000 IP pairs: once the first layout
// has come to rest, the box holding every node's centre on screen (the stage's data-node-box)
// does not meet the legend's box. The legend floated, semi-transparent, over the stage's bottom
// corner, where the fit drew nodes that could not be read or clicked well.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraphDatabase } from './graph-fixture.js';
import {
  closeGraphSession,
  type GraphSession,
  graphCanvas,
  layoutAtRest,
  openGraphSession,
  stageAtRest,
} from './graph-page.js';
import { assertBuilt, ROOT } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-e2e-graph-legend-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const meet = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The nodes' box in page px once the first layout is at rest, and the legend's. */
async function boxesAtRest({ page }: GraphSession): Promise<{ nodes: Box; legend: Box }> {
  await page.getByTestId('nav-graph').click();
  await page
    .locator('[data-testid="graph-canvas"][data-state="ready"][data-node-box]')
    .waitFor({ timeout: 60_000 });
  await page.mouse.move(0, 0);
  await layoutAtRest(page);
  await stageAtRest(page);
  const stage = (await graphCanvas(page).boundingBox())!;
  const [left = 0, top = 0, right = 0, bottom = 0] = (await graphCanvas(page).getAttribute('data-node-box'))!
    .split(' ')
    .map(Number);
  const nodes = { x: stage.x + left, y: stage.y + top, width: right - left, height: bottom - top };
  const legend = (await page.getByTestId('graph-legend').boundingBox())!;
  return { nodes, legend };
}

/** Checks the first fit leaves the legend clear, with a screenshot to look at, then closes. */
async function expectLegendClear(session: GraphSession, shot: string): Promise<void> {
  try {
    const { nodes, legend } = await boxesAtRest(session);
    expect(nodes.width).toBeGreaterThan(100);
    expect(meet(nodes, legend), `nodes ${JSON.stringify(nodes)}, legend ${JSON.stringify(legend)}`).toBe(
      false,
    );
    await session.page.screenshot({ path: path.join(SHOTS, shot) });
    expect(session.pageErrors).toEqual([]);
  } finally {
    await closeGraphSession(session, undefined);
  }
}

describe('the graph legend', () => {
  it('leaves every node of the embedded sample clear after the first fit', async () => {
    const session = await openGraphSession(path.join(dir, 'sample.db'), { sample: true });
    await expectLegendClear(session, 'graph-legend-sample.png');
  }, 120_000);

  it('leaves every node of a generated workspace clear after the first fit', async () => {
    const dbPath = path.join(dir, 'graph.db');
    const fixture = await buildGraphDatabase(dir, dbPath);
    expect(fixture.pairs).toBeGreaterThan(5_000);
    await expectLegendClear(await openGraphSession(dbPath), 'graph-legend-generated.png');
  }, 180_000);
});
