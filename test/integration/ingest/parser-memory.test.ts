// The parser thread's heap on a log whose values hardly repeat (issue 17 §5: peak RSS under 300 MB
// on a public server's log). Its live heap is bounded by its memos; what must not happen is V8
// letting garbage grow to several times that before collecting, as a worker with no heap limit
// did (its heap reached 64 MB on this file, live about 25 MB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAsnTable } from '../../../src-main/core/enrich/geoip.js';
import { parseFile } from '../../../src-main/core/ingest/parse-file.js';
import { runParser } from '../../../src-main/core/ingest/parse-runner.js';

const LINES = 300_000;
const MB = 2 ** 20;

let dir: string;
let file: string;

/** A Combined log as a public server writes it: 240 000 clients, a request id per query, many user agents. */
function variedLog(target: string, lines: number): void {
  let seed = 11;
  const draw = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return Math.floor((seed / 0x80000000) * n);
  };
  const paths = ['/', '/login', '/static/app.js', '/api/items', '/search', '/img/logo.png'];
  const out: string[] = [];
  const fd = fs.openSync(target, 'w');
  const start = Date.UTC(2024, 3, 25);
  for (let i = 0; i < lines; i++) {
    const client = draw(240_000);
    const time = new Date(start + Math.floor(i / 10) * 1000);
    const stamp = `${String(time.getUTCDate()).padStart(2, '0')}/Apr/2024:${String(time.getUTCHours()).padStart(2, '0')}:${String(time.getUTCMinutes()).padStart(2, '0')}:${String(time.getUTCSeconds()).padStart(2, '0')} +0000`;
    const ua = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${90 + draw(40)}.0.0.0 Safari/537.${draw(60)}`;
    out.push(
      `10.${client >> 12}.${(client >> 4) & 255}.${client & 15} - - [${stamp}] "GET ${paths[draw(paths.length)]}?v=${draw(200_000)} HTTP/1.1" ${draw(10) === 0 ? 404 : 200} ${draw(50_000)} "-" "${ua}"`,
    );
    if (out.length === 10_000) {
      fs.writeSync(fd, `${out.join('\n')}\n`);
      out.length = 0;
    }
  }
  if (out.length > 0) fs.writeSync(fd, `${out.join('\n')}\n`);
  fs.closeSync(fd);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-parser-memory-'));
  file = path.join(dir, 'varied.log');
  variedLog(file, LINES);
  // The ASN table cached as the app caches it beside its database: parsing its CSV on the worker
  // would be a one-off heap peak that says nothing about the parser.
  loadAsnTable(dir);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Parses the varied log on a worker, `write` run per batch; checks every line came through. */
async function parseOnWorker(write: () => void) {
  let rows = 0;
  const outcome = await runParser(
    { file, gzip: false, format: 'combined', enrich: true, cacheDir: dir },
    fs.statSync(file).size,
    (batch) => {
      write();
      rows += batch.rows + batch.bads.length;
    },
    undefined,
    'worker',
  );
  expect(rows).toBe(LINES);
  return outcome;
}

describe('the parser thread on a log of mostly distinct values', () => {
  it('parses every line while its heap stays near its live size', async () => {
    const outcome = await parseOnWorker(() => {});
    const peak = outcome.parserHeapPeak ?? 0;
    expect(peak).toBeGreaterThan(0);
    // Measured: 40–42 MB with the worker's heap limit, 61–67 MB without (tsx's loader included).
    expect(peak / MB).toBeLessThan(52);
  }, 60_000);

  it('holds a bounded size of ArrayBuffers while the writer lags behind', async () => {
    // A writer slower than the parser: every batch the parser may have in flight is made and
    // waits, as when the real writer stores a window, so the bound covers the batches in flight
    // and the spare buffers the writer gives back, beside the parser's own tables.
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const outcome = await parseOnWorker(() => Atomics.wait(pause, 0, 0, 100));
    const peak = outcome.parserBuffersPeak ?? 0;
    expect(peak).toBeGreaterThan(0);
    // Measured: 57–60 MB since the rollup window's pair tables stay at 65 536 cells (6 MB, from
    // 12) and the address memo keeps 32-bit ASNs (5 MB, from 7); 68–72 MB before (75.8 MB once, in
    // a full CI run: dead buffers wait for the collector), 79 MB with eight batches in flight made
    // a quarter larger. The GeoIP tables are 13 MB of it.
    // That step is within the collector's spread, so the pool's exact sizes have their own unit
    // test (array-pool.test.ts); this bound catches what grows with the writer's lag: batches
    // that pile up past the six in flight (each about 2.5 MB) or spare buffers that are not reused.
    expect(peak / MB).toBeLessThan(90);
  }, 60_000);

  it('cuts a batch once its quarantined lines hold 4 M characters, keeping every one', async () => {
    // 1 500 lines that are not requests, each kept at its first 4 096 characters.
    const bad = path.join(dir, 'bad.log');
    const junk = 'x'.repeat(5000);
    fs.writeFileSync(bad, Array.from({ length: 1500 }, (_, i) => `${i} ${junk}`).join('\n'));
    const perBatch: number[] = [];
    await parseFile(
      { file: bad, gzip: false, format: 'combined', enrich: false, cacheDir: null },
      (batch) => {
        perBatch.push(batch.bads.reduce((chars, b) => chars + b.raw.length, 0));
      },
    );
    expect(perBatch.reduce((a, b) => a + b, 0)).toBe(1500 * 4096);
    expect(perBatch.length).toBeGreaterThan(1);
    expect(Math.max(...perBatch)).toBeLessThanOrEqual(4_000_000 + 4096);
  });
});
