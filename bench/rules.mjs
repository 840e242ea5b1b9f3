// `npm run bench -- rules [--rows N] [--sql-rows N]`: `vigil rules run` of the shipped rule pack over
// N stored web requests (default 1 000 000, imported once from `vigil generate --format combined`,
// seed 7, and kept in bench/out), beside the way the issue names as the wrong one: one SQL query
// per rule over the same database, LIKE/GLOB/REGEXP per test (bench/rules-sql-baseline.mjs), in the
// same run, over the first --sql-rows requests (default 100 000: it runs about 3 000 requests/s,
// minutes per million). Prints requests/s and CPU of both, the ratio of the rates, and whether both
// found the same hits on the requests both read.
// Target (issue 17 §5): the pack over 1 M stored requests in under 5 s.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { measure, option } from './measure.mjs';
import { runBaseline } from './rules-sql-baseline.mjs';
import { root, vigil } from './vigil-process.mjs';

const cli = path.join(root, 'bin', 'vigil.js');
const out = path.join(root, 'bench', 'out');
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** bench/out/rules-<rows>.db: N generated Combined requests, imported once and kept. */
async function storedRequests(rows) {
  fs.mkdirSync(out, { recursive: true });
  const db = path.join(out, `rules-${rows}.db`);
  if (fs.existsSync(db)) {
    const store = new Database(db, { readonly: true });
    const stored = store.prepare('SELECT coalesce(sum(stored), 0) FROM imports').pluck().get();
    store.close();
    if (stored === rows) return db;
  }
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  const log = path.join(out, `rules-combined-${rows}.log`);
  console.log(`generating and importing ${rows.toLocaleString('en-US')} Combined requests (seed 7)…`);
  await vigil('generate', '--rows', String(rows), '--seed', '7', '--format', 'combined', '--out', log);
  await vigil('ingest', log, '--db', db);
  // Only the database is kept: the log (and the labels file generate writes beside it) are not needed again.
  for (const file of [log, `${log}.labels.csv`]) fs.rmSync(file, { force: true });
  return db;
}

/** The (session, rule) pairs of the pack's stored hits, as the baseline names them. */
function ourPairs(db, lastId) {
  const pairs = new Set();
  const rows = db
    .prepare(
      `SELECT h.session_id AS id, r.rule_id AS rule FROM rule_hits h JOIN rules r ON r.id = h.rule
       JOIN rule_sets s ON s.id = r.set_id WHERE s.source = 'pack' AND h.session_id <= ?`,
    )
    .iterate(lastId);
  for (const { id, rule } of rows) pairs.add(`${id}:${rule}`);
  return pairs;
}

export async function run(args) {
  const rows = Number(option(args, 'rows', '1000000'));
  const sqlRows = Math.min(rows, Number(option(args, 'sql-rows', '100000')));
  if (!(Number.isInteger(rows) && rows > 0))
    throw new Error('rules bench: --rows takes a positive whole number');
  const dbFile = await storedRequests(rows);

  const ours = measure(process.execPath, [cli, 'rules', 'run', '--db', dbFile, '--json']);
  const result = JSON.parse(ours.stdout);

  const db = new Database(dbFile, { readonly: true });
  const pack = db.prepare(`SELECT rules_json FROM rule_sets WHERE source = 'pack'`).pluck().get();
  const rules = JSON.parse(pack);
  const lastId = db
    .prepare('SELECT id FROM sessions ORDER BY id LIMIT 1 OFFSET ?')
    .pluck()
    .get(sqlRows - 1);
  const wall0 = performance.now();
  const cpu0 = cpu();
  const baseline = runBaseline(db, rules, lastId);
  const reference = { seconds: (performance.now() - wall0) / 1000, cpuSeconds: cpu() - cpu0 };
  const mine = ourPairs(db, lastId);
  db.close();
  const onlyOurs = [...mine].filter((pair) => !baseline.pairs.has(pair)).length;
  const onlyTheirs = [...baseline.pairs].filter((pair) => !mine.has(pair)).length;

  const ourRate = result.sessions / ours.seconds;
  const sqlRate = sqlRows / reference.seconds;
  const line = (name, n, m, rate, hits) =>
    `  ${name.padEnd(37)} ${n.toLocaleString('en-US').padStart(9)} ${m.seconds.toFixed(2).padStart(8)} ${Math.round(
      rate,
    )
      .toLocaleString('en-US')
      .padStart(11)} ${m.cpuSeconds.toFixed(2).padStart(7)} ${hits.toLocaleString('en-US').padStart(8)}`;
  console.log(
    `\nrules: the shipped pack (${rules.length} rules) over ${result.sessions.toLocaleString('en-US')} stored requests`,
  );
  console.log('                                         requests  seconds  requests/s   CPU s     hits');
  console.log(line('vigil rules run (the whole command)', result.sessions, ours, ourRate, result.hits));
  console.log(line('one SQL query per rule (LIKE/REGEXP)', sqlRows, reference, sqlRate, baseline.hits));
  const cpuRatio = reference.cpuSeconds / sqlRows / (ours.cpuSeconds / result.sessions);
  console.log(
    `  ratio (requests/s, ours / SQL per rule): ${(ourRate / sqlRate).toFixed(1)}×   per CPU second: ${cpuRatio.toFixed(1)}×   target: ours < 5 s (${ours.seconds.toFixed(2)} s)`,
  );
  console.log(
    `  same hits on the first ${sqlRows.toLocaleString('en-US')} requests: ${onlyOurs === 0 && onlyTheirs === 0 ? 'yes' : `no — ${onlyOurs} only ours, ${onlyTheirs} only the SQL's`}; peak RSS of ours ${ours.peakRssMb.toFixed(0)} MB`,
  );
}
