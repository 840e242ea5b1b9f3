// The graph's labels stay readable on a dense workspace, in Chromium against serve mode at
// 1600×1000: a generated web server's log of 20 000 requests (500-odd clients, IPv6 ones with long
// names, around the server's host). No label covers another, the heaviest node (the host every
// client asks, drawn as a dot as it originates nothing) is named, zooming in names more nodes, and
// a found IP is named. Screenshots go to SHOTS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/db/open.js';
import { generateTraffic } from '../../src-main/core/generate/generate.js';
import { graphService } from '../../src-main/core/services/graph.js';
import {
  closeGraphSession,
  focusIp,
  type GraphSession,
  graphCanvas,
  layoutAtRest,
  openGraphSessionOnLog,
  stageAtRest,
} from './graph-page.js';
import { assertBuilt, ROOT } from './serve-process.js';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
let dir: string;
let session: GraphSession;
/** The node of the most sessions, and the first IP client among the heaviest. */
let heaviest: string;
let client: string;

interface DrawnLabel {
  node: string;
  box: [left: number, top: number, right: number, bottom: number];
}

async function drawnLabels(page: Page): Promise<DrawnLabel[]> {
  return JSON.parse((await graphCanvas(page).getAttribute('data-label-boxes')) ?? '[]');
}

/** Every pair of drawn labels whose text boxes overlap, by their nodes. */
function overlapping(labels: DrawnLabel[]): string[] {
  const pairs: string[] = [];
  labels.forEach(({ node, box: [l1, t1, r1, b1] }, i) => {
    for (const {
      node: other,
      box: [l2, t2, r2, b2],
    } of labels.slice(i + 1))
      if (l1 < r2 && l2 < r1 && t1 < b2 && t2 < b1) pairs.push(`${node} × ${other}`);
  });
  return pairs;
}

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-graph-labels-'));
  fs.mkdirSync(SHOTS, { recursive: true });
  const generated = await generateTraffic({
    rows: 20_000,
    seed: 7,
    out: path.join(dir, 'access.log'),
    format: 'combined',
    start: Date.UTC(2024, 3, 25),
    days: 7,
    attackRate: 0.03,
  });
  const dbPath = path.join(dir, 'labels.db');
  session = await openGraphSessionOnLog(generated.out, dbPath);
  // What the graph draws, asked of the workspace as the server answers it: the heaviest node.
  const db = openDatabase(dbPath);
  try {
    const graph = await graphService({ db }).graphEdges({
      filter: {},
      weight: 'sessions',
      minWeight: 0,
      limit: 5_000,
    });
    const byVolume = graph.nodes.ip
      .map((name, i) => ({ name, volume: graph.nodes.volume[i] ?? 0, kind: graph.nodes.kind?.[i] ?? 'ip' }))
      .sort((a, b) => b.volume - a.volume);
    heaviest = byVolume[0]!.name;
    client = byVolume.find((node) => node.kind === 'ip')!.name;
  } finally {
    db.close();
  }
  await session.page.getByTestId('nav-graph').click();
  await session.page.locator('[data-testid="graph-canvas"][data-state="ready"][data-frames]').waitFor();
  await layoutAtRest(session.page);
  await stageAtRest(session.page);
}, 180_000);

afterAll(() => closeGraphSession(session, dir));

describe('labels on a dense graph', () => {
  it('names the heaviest node, and no label covers another', { timeout: 60_000 }, async () => {
    const { page } = session;
    await page.screenshot({ path: path.join(SHOTS, 'graph-labels-dense.png') });
    const labels = await drawnLabels(page);
    expect(labels.length).toBeGreaterThanOrEqual(8);
    expect(overlapping(labels)).toEqual([]);
    expect(labels.map((label) => label.node)).toContain(heaviest);
  });

  it('names more nodes as the analyst zooms in, still without overlaps', { timeout: 60_000 }, async () => {
    const { page } = session;
    const before = new Set((await drawnLabels(page)).map((label) => label.node));
    const box = (await graphCanvas(page).boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -300);
      await page.waitForTimeout(300);
    }
    await stageAtRest(page);
    await page.screenshot({ path: path.join(SHOTS, 'graph-labels-zoomed.png') });
    const labels = await drawnLabels(page);
    expect(labels.filter((label) => !before.has(label.node)).length).toBeGreaterThan(0);
    expect(overlapping(labels)).toEqual([]);
  });

  it('names a found IP and its heaviest neighbours without overlaps', { timeout: 60_000 }, async () => {
    const { page } = session;
    await focusIp(page, client);
    const labels = await drawnLabels(page);
    expect(labels.map((label) => label.node)).toContain(client);
    expect(overlapping(labels)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'graph-labels-found.png') });
    expect(session.pageErrors).toEqual([]);
  });
});
