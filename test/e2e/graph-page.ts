// Reading and driving the graph view in an e2e page: the stage's data attributes, searching for an
// IP, and waiting until nothing moves.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../src-main/core/db/open.js';
import { runImport } from '../../src-main/core/ingest/pipeline.js';
import { collectPageErrors, launchChromium } from './chromium.js';
import { type ServeProcess, startServe } from './serve-process.js';

export const graphCanvas = (page: Page) => page.getByTestId('graph-canvas');

export async function canvasNumber(page: Page, name: string): Promise<number> {
  return Number(await graphCanvas(page).getAttribute(name));
}

export async function searchGraph(page: Page, ip: string): Promise<void> {
  await page.getByTestId('graph-search').fill(ip);
  await page.getByTestId('graph-search').press('Enter');
}

/** After a load or an expansion the layout runs on its own for a while, then rests. */
export async function layoutAtRest(page: Page): Promise<void> {
  await page.locator('[data-testid="graph-canvas"][data-layout="stopped"]').waitFor();
}

/** Nothing moves (no layout step, no camera animation): no frame drawn for half a second. */
export async function stageAtRest(page: Page): Promise<void> {
  let frames = -1;
  for (;;) {
    const now = await canvasNumber(page, 'data-frames');
    if (now === frames) return;
    frames = now;
    await page.waitForTimeout(500);
  }
}

/** Finds an IP and waits until the camera has come to rest on it. */
export async function focusIp(page: Page, ip: string): Promise<void> {
  await searchGraph(page, ip);
  await page.locator(`[data-testid="graph-canvas"][data-focused="${ip}"]`).waitFor();
  await stageAtRest(page);
}

export interface GraphSession {
  browser: Browser;
  serve: ServeProcess;
  page: Page;
  pageErrors: string[];
}

/**
 * `vigil serve` on a database and a 1600×1000 dark page on it in Chromium with WebGL. With
 * `sample`, serve mode loads the embedded sample into the (empty) database first.
 */
export async function openGraphSession(dbPath: string, { sample = false } = {}): Promise<GraphSession> {
  const [browser, serve] = await Promise.all([
    launchChromium({ webgl: true }),
    startServe(dbPath, sample ? [] : ['--no-sample']),
  ]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, colorScheme: 'dark' });
  const page = await context.newPage();
  const pageErrors = collectPageErrors(page);
  await page.goto(serve.url);
  return { browser, serve, page, pageErrors };
}

/** A workspace at `dbPath` holding the log `file` (imported without enrichment), opened as above. */
export async function openGraphSessionOnLog(file: string, dbPath: string): Promise<GraphSession> {
  const db = openDatabase(dbPath);
  await runImport(db, { file, enrich: false });
  db.close();
  return openGraphSession(dbPath);
}

/** Closes the page's browser, stops serve mode and removes the test's folder. */
export async function closeGraphSession(
  session: GraphSession | undefined,
  dir: string | undefined,
): Promise<void> {
  await session?.browser.close();
  await session?.serve.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
