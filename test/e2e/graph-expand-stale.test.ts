// An expansion that answers after the filter changed, in Chromium against serve mode: the
// neighbours it brings were asked under the old filter, so they are dropped rather than drawn into
// the new graph (they would add an edge the new filter leaves out). The answer is held back with a
// route until the new filter's graph is drawn: the order a slow machine (or a busy hub) gives.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUDWATCH_HEADER } from '../helpers/cloudwatch-rows.js';
import { deferred } from '../helpers/deferred.js';
import {
  canvasNumber,
  closeGraphSession,
  type GraphSession,
  openGraphSessionOnLog,
  searchGraph,
} from './graph-page.js';
import { assertBuilt } from './serve-process.js';

const CLIENT = '10.0.0.1';
const OTHER = '10.0.0.2';
const US_SERVER = '10.9.9.9';
const DE_SERVER = '10.8.8.8';

let dir: string;
let session: GraphSession;

const row = (src: string, dst: string, country: string, minute: number) => {
  const at = `2024-04-25T10:${String(minute).padStart(2, '0')}:00Z`;
  return `10,20,${at},${at},${src},${country},HTTPS,200,443,${dst},r,o,m,n,${at},waf`;
};

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-graph-expand-'));
  // Three pairs; the German one is outside country:US.
  const rows = [
    ...[1, 2, 3].map((m) => row(CLIENT, US_SERVER, 'US', m)),
    ...[4, 5, 6].map((m) => row(CLIENT, DE_SERVER, 'DE', m)),
    ...[7, 8].map((m) => row(OTHER, US_SERVER, 'US', m)),
  ];
  const file = path.join(dir, 'pairs.csv');
  fs.writeFileSync(file, `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`);
  session = await openGraphSessionOnLog(file, path.join(dir, 'graph.db'));
}, 120_000);

afterAll(() => closeGraphSession(session, dir));

describe('an expansion overtaken by a new filter', () => {
  it('draws nothing of neighbours asked under the old filter', async () => {
    const { page } = session;
    const canvas = (state: string) => page.locator(`[data-testid="graph-canvas"]${state}`);
    await page.getByTestId('nav-graph').click();
    await canvas('[data-state="ready"][data-edges="3"]').waitFor();
    await searchGraph(page, CLIENT);
    const panel = page.locator(`[data-testid="ip-panel"][data-ip="${CLIENT}"]`);
    await panel.waitFor();

    const asked = deferred<void>();
    const held = deferred<void>();
    await page.route('**/api/ipNeighbours', async (route) => {
      asked.resolve();
      await held.promise;
      await route.continue();
    });
    await panel.getByTestId('ip-expand').click();
    await asked.promise;
    await page.getByTestId('filter-input').fill('country:US');
    await page.getByTestId('filter-input').press('Enter');
    await canvas('[data-state="ready"][data-edges="2"]').waitFor();

    // The old filter's answer (the client's German pair among it) comes now, and is taken in.
    held.resolve();
    await canvas('[data-expanding="0"]').waitFor();
    expect(await canvasNumber(page, 'data-edges')).toBe(2);
    expect(await canvasNumber(page, 'data-nodes')).toBe(3);
    expect(session.pageErrors).toEqual([]);
  });

  it('keeps a search made while the same filter still loads: the IP is found once both answer', async () => {
    const { page } = session;
    await page.unroute('**/api/ipNeighbours');
    await page.getByTestId('nav-graph').click();
    // A drawing without the client, so that finding it asks for its neighbours.
    await page.getByTestId('filter-input').fill(`src:${OTHER}`);
    await page.getByTestId('filter-input').press('Enter');
    await page.locator('[data-testid="graph-canvas"][data-state="ready"][data-nodes="2"]').waitFor();
    /** Holds the next call of `name` until released; resolves `asked` once it is on its way. */
    const hold = async (name: string) => {
      const asked = deferred<void>();
      const held = deferred<void>();
      await page.route(`**/api/${name}`, async (route) => {
        asked.resolve();
        await held.promise;
        await route.continue();
      });
      return { asked: asked.promise, release: held.resolve };
    };
    const graph = await hold('graphEdges');
    const neighbours = await hold('ipNeighbours');
    await page.getByTestId('filter-input').fill('country:DE');
    await page.getByTestId('filter-input').press('Enter');
    await graph.asked;
    // The client is not drawn: finding it asks for its neighbours, under the filter still loading.
    await searchGraph(page, CLIENT);
    await neighbours.asked;
    graph.release();
    await page.locator('[data-testid="graph-canvas"][data-state="ready"][data-edges="1"]').waitFor();
    neighbours.release();
    await page.locator(`[data-testid="ip-panel"][data-ip="${CLIENT}"]`).waitFor();
    await page.locator(`[data-testid="graph-canvas"][data-focused="${CLIENT}"]`).waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
