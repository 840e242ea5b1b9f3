// `npm run bench -- main-thread [--verdict-rows N] [--rows N]`: the main thread's event-loop delay
// (perf_hooks.monitorEventLoopDelay: p50 / p99 / max) while the core writes, with writes on the
// writer thread (ours) beside the same scenario with writes on the main thread (the reference:
// `writeWorker: false`, how every write ran before), in one run. Target: p99 < 50 ms.
//  (a) a verdict on every session of one source IP with N sessions (default 500 000), as
//      `vigil verdict --ip` or Shift+verdict in Triage asks for it;
//  (b) an import of N rows (default 1 000 000; bulk, so it drops the query indexes and builds
//      them at the end) while the main thread asks for a small write every 20 ms, as the window
//      does while the analyst works on. A thread watching the database tells the index build
//      apart; the delay over that window comes from a timestamped sampler of this thread (a
//      frozen loop cannot switch a histogram on), over the whole import from the histogram.
// The core runs in this process, bundled as in dist/ beside the built workers. The machine's own
// floor is printed too: this thread idle meanwhile (a), the same import by `vigil ingest` in
// another process (b); on a shared 2-core machine it is far from zero.
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { option } from './measure.mjs';
import { generatedCloudwatchCsv, root, vigil } from './vigil-process.mjs';

const HEADER =
  'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types';
const BUSY_IP = '203.0.113.77';
const iso = (ms) => new Date(ms).toISOString().replace('.000', '');

/** `busy` sessions from BUSY_IP and a tenth as many from other sources, a second apart. */
async function writeOneIpFile(file, busy) {
  const out = fs.createWriteStream(file);
  const start = Date.UTC(2024, 3, 1);
  let chunk = `${HEADER}\n`;
  const total = busy + Math.floor(busy / 10);
  for (let i = 0; i < total; i++) {
    const ip = i < busy ? BUSY_IP : `198.51.${(i >> 8) & 255}.${i & 255}`;
    const t = start + i * 1000;
    chunk += `${1000 + (i % 9000)},${500 + (i % 4000)},${iso(t)},${iso(t + 60_000)},${ip},US,HTTPS,200,443,10.0.0.5,Suspicious Web Traffic,Adversary Infrastructure Interaction,AWS_VPC_Flow,prod_webserver,${iso(t)},waf_rule\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      chunk = '';
    }
  }
  await new Promise((resolve, reject) => out.end(chunk, (error) => (error ? reject(error) : resolve())));
}

/** createCore as the app runs it: bundled like dist/main, beside copies of the built workers. */
async function builtCore() {
  const out = path.join(root, 'bench', 'out', 'main-thread-core');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'src-main', 'core', 'service.ts')],
    outfile: path.join(out, 'core.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const built = path.join(root, 'dist', 'main');
  for (const file of fs.readdirSync(built).filter((f) => f.endsWith('.worker.js')))
    fs.copyFileSync(path.join(built, file), path.join(out, file));
  return (await import(pathToFileURL(path.join(out, 'core.js')).href)).createCore;
}

const copyDb = (from, to) => {
  for (const suffix of ['', '-wal', '-shm'])
    if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
};

const ms = (ns) => ns / 1e6;
/**
 * Timer ticks before and after the work: the histogram measures a freeze from the tick before it
 * to the tick after it, so without them a freeze right after enable() would not count.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
function histogramFigures(histogram) {
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}

/** Percentiles of the sampler's gaps that overlap [from, to]. */
function windowFigures(samples, from, to) {
  const delays = samples
    .filter(([at, delay]) => at >= from && at - delay <= to)
    .map(([, delay]) => delay)
    .sort((a, b) => a - b);
  if (delays.length === 0) return { p50: Number.NaN, p99: Number.NaN, max: Number.NaN, samples: 0 };
  const pick = (q) => delays[Math.min(delays.length - 1, Math.ceil((q / 100) * delays.length) - 1)];
  return { p50: pick(50), p99: pick(99), max: delays.at(-1), samples: delays.length };
}

/**
 * This thread's timer ticks with the time each was seen: [at, ms since the tick before], the same
 * measure as the histogram's (so about 10 when idle), with `at` in ms since timeOrigin.
 */
function timestampedSampler(intervalMs = 10) {
  const samples = [];
  let last = performance.now();
  let timer = null;
  const tick = () => {
    const now = performance.now();
    samples.push([performance.timeOrigin + now, now - last]);
    last = now;
    timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return {
    stop() {
      clearTimeout(timer);
      return samples;
    },
  };
}

/**
 * A thread (so this one being frozen does not delay it) that polls the database on its own
 * read-only connection: when the newest session id last grew (the import's last batch) and when
 * each query index came back (its build ended). Times are ms since timeOrigin, as the sampler's.
 */
function indexBuildWatcher(dbPath) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.sqlite);
    let db = null;
    let lastId = null, lastGrowth = null, built = {};
    const timer = setInterval(() => {
      try {
        db ??= new Database(workerData.dbPath, { readonly: true, fileMustExist: true });
        const id = db.prepare('SELECT max(id) AS id FROM sessions').get().id;
        const at = performance.timeOrigin + performance.now();
        if (id !== lastId) { lastId = id; lastGrowth = at; }
        const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('sessions_src', 'sessions_dst', 'sessions_src_sort', 'sessions_dst_sort')").all();
        if (names.length === 0) built = {};
        for (const { name } of names) built[name] ??= at;
      } catch {}
    }, 5);
    parentPort.on('message', () => {
      clearInterval(timer);
      db?.close();
      parentPort.postMessage({ lastGrowth, built });
    });`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { dbPath, sqlite: path.join(root, 'node_modules', 'better-sqlite3') },
  });
  return {
    async stop() {
      const answer = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      const result = await answer;
      await worker.terminate();
      return result;
    },
  };
}

async function verdictScenario(createCore, template, dir, writeWorker) {
  const dbPath = path.join(dir, `verdict-${writeWorker ? 'ours' : 'reference'}.db`);
  copyDb(template, dbPath);
  const core = createCore({ dbPath, readWorkers: 0, writeWorker });
  try {
    await core.service.getAnalyst({});
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    await settle();
    const started = performance.now();
    const { changed } = await core.service.setVerdict({ target: { srcIp: BUSY_IP }, verdict: 'malicious' });
    const seconds = (performance.now() - started) / 1000;
    await settle();
    histogram.disable();
    return { ...histogramFigures(histogram), seconds, changed };
  } finally {
    await core.close();
  }
}

/** The index build's window from the watcher: the last batch written → every query index back. */
function buildWindow({ lastGrowth, built }) {
  const end = Math.max(
    ...['sessions_src', 'sessions_dst', 'sessions_src_sort', 'sessions_dst_sort'].map(
      (name) => built[name] ?? Number.NaN,
    ),
  );
  return { from: lastGrowth, to: end, seconds: (end - lastGrowth) / 1000 };
}

async function importScenario(createCore, file, dir, writeWorker) {
  const dbPath = path.join(dir, `import-${writeWorker ? 'ours' : 'reference'}.db`);
  const core = createCore({ dbPath, readWorkers: 0, writeWorker, enrich: false });
  try {
    await core.service.getAnalyst({});
    const watcher = indexBuildWatcher(dbPath);
    const sampler = timestampedSampler();
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    await settle();
    const started = performance.now();
    const [jobId] = (await core.service.startImport({ paths: [file] })).jobIds;
    const finished = new Promise((resolve) => {
      const onEvent = (event) => {
        if (event.type !== 'job-progress' || event.job.jobId !== jobId) return;
        if (['done', 'failed', 'cancelled'].includes(event.job.state)) {
          core.events.off('event', onEvent);
          resolve(event.job);
        }
      };
      core.events.on('event', onEvent);
    });
    // The window's work meanwhile: a small write every 20 ms (answers, failures, slowest answer).
    const requests = { answered: 0, failed: 0, slowest: 0, lastError: null };
    let importing = true;
    const serving = (async () => {
      for (let i = 0; importing; i++) {
        const asked = performance.now();
        try {
          await core.service.setAnalyst({ name: `analyst ${i % 2}` });
          requests.answered++;
        } catch (error) {
          requests.failed++;
          requests.lastError = error.message;
        }
        requests.slowest = Math.max(requests.slowest, performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const job = await finished;
    const seconds = (performance.now() - started) / 1000;
    importing = false;
    await serving;
    await settle();
    histogram.disable();
    const samples = sampler.stop();
    const window = buildWindow(await watcher.stop());
    if (job.state !== 'done') throw new Error(`the import ended ${job.state}: ${job.message}`);
    return {
      whole: histogramFigures(histogram),
      build: { ...windowFigures(samples, window.from, window.to), seconds: window.seconds },
      seconds,
      stored: job.counts?.stored ?? 0,
      requests,
    };
  } finally {
    await core.close();
  }
}

/** The machine's floor for (b): this thread idle while `vigil ingest` imports the file in another process. */
async function importFloor(file, dir) {
  const dbPath = path.join(dir, 'import-floor.db');
  const watcher = indexBuildWatcher(dbPath);
  const sampler = timestampedSampler();
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await vigil('ingest', '--db', dbPath, '--no-enrich', file);
  await settle();
  histogram.disable();
  const samples = sampler.stop();
  const window = buildWindow(await watcher.stop());
  return {
    whole: histogramFigures(histogram),
    build: { ...windowFigures(samples, window.from, window.to), seconds: window.seconds },
  };
}

/** The machine's floor for (a): this thread idle for as long. */
async function idleFloor(seconds) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await settle();
  histogram.disable();
  return histogramFigures(histogram);
}

const f = (n) => (Number.isFinite(n) ? n.toFixed(1).padStart(8) : '     n/a');
const row = (label, r) => `  ${label.padEnd(44)} ${f(r.p50)} ${f(r.p99)} ${f(r.max)}`;
const onTarget = (p99) => (p99 < 50 ? 'ok' : 'OVER TARGET');
const OURS = 'ours: writes on the writer thread';
const REFERENCE = 'reference: writes on the main thread';

export async function run(args) {
  const verdictRows = Number(option(args, 'verdict-rows', '500000'));
  const rows = Number(option(args, 'rows', '1000000'));
  const createCore = await builtCore();
  const dir = fs.mkdtempSync(path.join(root, 'bench', 'out', 'main-thread-'));
  try {
    console.log(`\nmain thread: preparing ${verdictRows.toLocaleString('en-US')} sessions from ${BUSY_IP}…`);
    const csv = path.join(dir, 'one-ip.csv');
    await writeOneIpFile(csv, verdictRows);
    const template = path.join(dir, 'one-ip.db');
    await vigil('ingest', '--db', template, '--no-enrich', csv);
    const verdictOurs = await verdictScenario(createCore, template, dir, true);
    const verdictRef = await verdictScenario(createCore, template, dir, false);
    const verdictFloor = await idleFloor(verdictOurs.seconds);

    const file = await generatedCloudwatchCsv(rows);
    const importOurs = await importScenario(createCore, file, dir, true);
    const importRef = await importScenario(createCore, file, dir, false);
    const floor = await importFloor(file, dir);

    console.log(
      '\nMain thread event-loop delay, ms (monitorEventLoopDelay, 10 ms resolution); target p99 < 50 ms',
    );
    console.log(`  ${''.padEnd(44)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`);
    console.log(
      `(a) verdict on all ${verdictOurs.changed.toLocaleString('en-US')} sessions of one IP: ${verdictOurs.seconds.toFixed(1)} s ours, ${verdictRef.seconds.toFixed(1)} s reference`,
    );
    console.log(`${row(OURS, verdictOurs)}   ${onTarget(verdictOurs.p99)}`);
    console.log(row(REFERENCE, verdictRef));
    console.log(row('floor: this thread idle as long', verdictFloor));
    console.log(
      `  ratio p99 reference / ours: ${(verdictRef.p99 / verdictOurs.p99).toFixed(0)}×;  verdict time ours / reference: ${(verdictOurs.seconds / verdictRef.seconds).toFixed(2)}`,
    );
    console.log(
      `(b) import of ${importOurs.stored.toLocaleString('en-US')} sessions, a write asked every 20 ms: ${importOurs.seconds.toFixed(1)} s ours, ${importRef.seconds.toFixed(1)} s reference`,
    );
    console.log(
      `  during the index build (${importOurs.build.seconds.toFixed(1)} s ours, ${importRef.build.seconds.toFixed(1)} s reference; timestamped sampler)`,
    );
    console.log(`${row(OURS, importOurs.build)}   ${onTarget(importOurs.build.p99)}`);
    console.log(row(REFERENCE, importRef.build));
    console.log(row('floor: `vigil ingest` in another process', floor.build));
    console.log(`  ratio p99 reference / ours: ${(importRef.build.p99 / importOurs.build.p99).toFixed(0)}×`);
    console.log('  over the whole import (histogram)');
    console.log(`${row(OURS, importOurs.whole)}   ${onTarget(importOurs.whole.p99)}`);
    console.log(row(REFERENCE, importRef.whole));
    console.log(row('floor: `vigil ingest` in another process', floor.whole));
    console.log(`  ratio p99 reference / ours: ${(importRef.whole.p99 / importOurs.whole.p99).toFixed(0)}×`);
    for (const [label, r] of [
      ['ours', importOurs],
      ['reference', importRef],
    ])
      console.log(
        `  ${label}: ${r.requests.answered} writes answered, ${r.requests.failed} failed, slowest answer ${r.requests.slowest.toFixed(0)} ms${r.requests.lastError ? ` (${r.requests.lastError})` : ''}`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(root, 'bench', 'out', 'main-thread-core'), { recursive: true, force: true });
  }
}
