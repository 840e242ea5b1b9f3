// The insert floor of a Node importer: the CSV's rows, already split into their text fields, stored
// by better-sqlite3 into a bare table of text columns (what `sqlite3 .import` stores), 32 rows per
// statement in one transaction. Only the insert calls are timed; reading and splitting are not.
// Run by bench/ingest.mjs as its own process: `node bench/ingest-floor.mjs FILE DB`.
import fs from 'node:fs';
import Database from 'better-sqlite3';

const ROWS_PER_STATEMENT = 32;
const [file, dbFile] = process.argv.slice(2);
fs.rmSync(dbFile, { force: true });
const db = new Database(dbFile);

let stmt = null;
let width = 0;
let args = [];
let pending = 0;
let inserting = 0;

function timedRun(values) {
  const started = performance.now();
  stmt.run(...values);
  inserting += performance.now() - started;
}

function onLine(line) {
  const fields = line.split(',');
  if (stmt === null) {
    width = fields.length;
    db.exec(`CREATE TABLE t (${fields.map((_, i) => `c${i} TEXT`).join(', ')})`);
    const row = `(${fields.map(() => '?').join(', ')})`;
    stmt = db.prepare(`INSERT INTO t VALUES ${new Array(ROWS_PER_STATEMENT).fill(row).join(', ')}`);
    args = new Array(ROWS_PER_STATEMENT * width);
    return;
  }
  for (let k = 0; k < width; k++) args[pending * width + k] = fields[k];
  if (++pending === ROWS_PER_STATEMENT) {
    timedRun(args);
    pending = 0;
  }
}

db.exec('BEGIN');
let rest = '';
for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
  const text = rest + chunk;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    if (nl > start) onLine(text.slice(start, nl));
    start = nl + 1;
  }
  rest = text.slice(start);
}
if (rest) onLine(rest);
// The last partial group, row by row through a one-row statement.
if (pending > 0) {
  const one = db.prepare(`INSERT INTO t VALUES (${new Array(width).fill('?').join(', ')})`);
  for (let r = 0; r < pending; r++) {
    const started = performance.now();
    one.run(...args.slice(r * width, (r + 1) * width));
    inserting += performance.now() - started;
  }
}
const committing = performance.now();
db.exec('COMMIT');
inserting += performance.now() - committing;
db.close();
fs.rmSync(dbFile, { force: true });
console.log(JSON.stringify({ seconds: inserting / 1000 }));
