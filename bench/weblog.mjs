// Access logs: `vigil ingest` of a Combined Log Format file (with whatever the import evaluates,
// the shipped rule pack included once it runs at import: the bench says which) beside GoAccess
// parsing and summarising the same file into a JSON report, in the same run: lines/s and peak RSS
// of each, and the ratio. `--lines N` (or `--rows N`; default 1 000 000; `--lines 10000000` for the
// 10 M run). The file comes from `vigil generate --format combined` (seed 7), kept in bench/out.
// Both sides run on two files in the same run: that generated log, whose texts repeat (a few
// thousand clients, 172 user agents), and a varied one derived from it (weblog-varied.mjs: many
// more clients, a request id in each query, many user-agent versions), as a public server logs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { measure, option } from './measure.mjs';
import { root, vigil } from './vigil-process.mjs';
import { storageFloor } from './weblog-storage-floor.mjs';
import { variedLog } from './weblog-varied.mjs';

const cli = path.join(root, 'bin', 'vigil.js');

async function combinedLog(rows) {
  const out = path.join(root, 'bench', 'out');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `combined-${rows}.log`);
  if (fs.existsSync(file)) return file;
  console.log(`generating ${rows.toLocaleString('en-US')} Combined lines (vigil generate, seed 7)…`);
  await vigil('generate', '--rows', String(rows), '--seed', '7', '--format', 'combined', '--out', file);
  return file;
}

/** Newlines in the file, read in chunks: a 10 M-line log is past the 2 GiB a single read allows. */
function countLines(file) {
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = fs.openSync(file, 'r');
  let lines = 0;
  try {
    for (let n = fs.readSync(fd, buffer); n > 0; n = fs.readSync(fd, buffer)) {
      for (let at = buffer.indexOf(10); at !== -1 && at < n; at = buffer.indexOf(10, at + 1)) lines++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}

/** What the import evaluated: the rule hits it stored, or that it stores none yet. */
function rulesAtImport(db) {
  const store = new Database(db, { readonly: true });
  try {
    const table = store
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rule_hits'`)
      .get();
    if (!table)
      return 'rules: NOT evaluated at import (this build stores no rule hits): figures are without rules';
    const { hits, sessions } = store
      .prepare('SELECT count(*) AS hits, count(DISTINCT session_id) AS sessions FROM rule_hits')
      .get();
    if (hits === 0)
      return 'rules: NO rule hit stored at import (is the rule pack on?): figures may be without rules';
    return `rules: evaluated at import, ${hits.toLocaleString('en-US')} hits on ${sessions.toLocaleString('en-US')} sessions`;
  } finally {
    store.close();
  }
}

export async function run(args) {
  if (spawnSync('goaccess', ['--version']).status !== 0) {
    throw new Error('weblog bench: GoAccess is needed (apt-get install -y goaccess)');
  }
  const rows = Number(option(args, 'lines', option(args, 'rows', '1000000')));
  if (!(Number.isInteger(rows) && rows > 0))
    throw new Error('weblog bench: --lines takes a positive whole number');
  const generated = await combinedLog(rows);
  const varied = await variedLog(generated);
  const results = [await compare('generated (repetitive)', generated), await compare('varied', varied)];
  console.log('\nweblog summary (ours / GoAccess lines/s; CPU: GoAccess CPU s / ours):');
  for (const r of results)
    console.log(
      `  ${r.name.padEnd(24)} ratio ${r.ratio.toFixed(2)}  CPU ratio ${r.cpuRatio.toFixed(2)}  our peak RSS ${r.rss.toFixed(0)} MB  storage floor ${r.floor.toFixed(2)} s (4× leaves ${r.budget.toFixed(2)} s)`,
    );
}

/** GoAccess, then `vigil ingest`, on `file`: both sides' figures and the ratio. */
async function compare(name, file) {
  const lines = countLines(file);
  const sizeMb = fs.statSync(file).size / 1e6;
  const out = path.join(root, 'bench', 'out');

  const report = path.join(out, 'goaccess-report.json');
  const goaccess = measure('goaccess', [file, '--log-format=COMBINED', '--no-global-config', '-o', report]);

  const db = path.join(out, 'weblog-bench.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  const ours = measure(process.execPath, [cli, 'ingest', file, '--db', db, '--json'], {
    VIGIL_TRACE_INGEST: '1',
  });
  const [result] = JSON.parse(ours.stdout);
  if (result.status !== 'done') throw new Error(`our import ended ${result.status}: ${result.message}`);
  if (result.rowsRead !== lines) throw new Error(`our import read ${result.rowsRead} of ${lines} lines`);
  const trace = ours.stderr.match(/ingest trace: (.*)/)?.[1] ?? '';

  const ourRate = lines / ours.seconds;
  const refRate = lines / goaccess.seconds;
  const row = (label, m, rate) =>
    `  ${label.padEnd(18)} ${m.seconds.toFixed(2).padStart(8)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} ${m.peakRssMb.toFixed(0).padStart(7)} MB ${m.cpuSeconds.toFixed(2).padStart(9)}`;
  console.log(
    `\nweblog, ${name}: Combined Log Format, ${lines.toLocaleString('en-US')} lines, ${sizeMb.toFixed(0)} MB (${path.basename(file)})`,
  );
  console.log('                      seconds    lines/s   peak RSS  CPU s');
  console.log(row('vigil ingest', ours, ourRate));
  console.log(row('goaccess (JSON)', goaccess, refRate));
  console.log(
    `  ratio (ours / GoAccess lines/s): ${(ourRate / refRate).toFixed(2)}   target ≥ 4.0;  peak RSS target < 300 MB`,
  );
  // Both sides' CPU seconds: on a busy machine the wall-time ratio also measures the neighbours.
  const cpuRatio = goaccess.cpuSeconds / ours.cpuSeconds;
  console.log(`  CPU-time ratio (GoAccess CPU s / ours): ${cpuRatio.toFixed(2)}`);
  console.log(
    `  format ${result.format}, stored ${result.stored}, quarantined ${result.quarantined}, duplicates ${result.duplicates}; ${trace}`,
  );
  console.log(`  ${rulesAtImport(db)}`);
  const floor = await storageFloor(db, path.join(out, 'weblog-floor.db'));
  if (floor.stored !== result.stored)
    throw new Error(`the storage floor stored ${floor.stored} of our ${result.stored} rows`);
  console.log(
    `  floor: sqlite3 (C) storing the same ${floor.stored.toLocaleString('en-US')} rows into our sessions table and building its indexes, ` +
      `nothing else (weblog-storage-floor.mjs): ${floor.seconds.toFixed(2)} s, ${floor.cpuSeconds.toFixed(2)} CPU s; ` +
      `4× GoAccess leaves ${(goaccess.seconds / 4).toFixed(2)} s for the whole import`,
  );
  return {
    name,
    ratio: ourRate / refRate,
    cpuRatio,
    rss: ours.peakRssMb,
    floor: floor.seconds,
    budget: goaccess.seconds / 4,
  };
}
