// A web server's log in the Graph, in Chromium against serve mode: clients whose lines carry no
// request ("-": a scanner's TLS probes the server answered 400) are nodes with their edge to the
// server of the log, and a client a dual-stack server wrote in two text forms is one node, so the
// heading counts the clients the Sessions view lists. A screenshot at 1600×1000 goes to SHOTS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/temp.js';
import {
  canvasNumber,
  closeGraphSession,
  type GraphSession,
  layoutAtRest,
  openGraphSessionOnLog,
  stageAtRest,
} from './graph-page.js';
import { assertBuilt } from './serve-process.js';

const SHOTS = process.env.VIGIL_SHOTS ?? path.join(ROOT, 'test-results', 'screenshots');
let dir: string;
let session: GraphSession;

const at = (second: number) => `[25/Apr/2024:10:00:${String(second).padStart(2, '0')} +0000]`;
const request = (client: string, second: number) =>
  `${client} - - ${at(second)} "GET /p${second} HTTP/1.1" 200 100 "-" "curl/8.5.0"`;
const probe = (client: string, second: number) => `${client} - - ${at(second)} "-" 400 0 "-" "-"`;

beforeAll(async () => {
  assertBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-graph-probes-'));
  const file = path.join(dir, 'probes.log');
  const lines = [
    request('10.0.0.1', 1),
    request('::ffff:10.0.0.1', 2),
    request('10.0.0.1', 3),
    request('10.0.0.2', 4),
    probe('198.51.100.7', 5),
    probe('198.51.100.7', 6),
    probe('198.51.100.8', 7),
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  session = await openGraphSessionOnLog(file, path.join(dir, 'probes.db'));
  await session.page.getByTestId('nav-graph').click();
  await session.page.locator('[data-testid="graph-canvas"][data-state="ready"][data-frames]').waitFor();
  await layoutAtRest(session.page);
}, 120_000);

afterAll(() => closeGraphSession(session, dir));

describe('probing clients in the graph', () => {
  it('draws every client once, the probing ones included, and the heading counts them', {
    timeout: 60_000,
  }, async () => {
    const { page } = session;
    // 10.0.0.1 (in two forms), 10.0.0.2 and the two probing clients, around "server of probes.log".
    expect(await page.getByTestId('graph-summary').textContent()).toBe('4 IPs · 1 host · 4 edges');
    expect(await canvasNumber(page, 'data-nodes')).toBe(5);
    await stageAtRest(page);
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'graph-probes.png') });
    expect(session.pageErrors).toEqual([]);
  });
});
