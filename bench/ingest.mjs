// Ingest of the CloudWatch CSV format: our rows/s and peak RSS beside `sqlite3 .import --csv` of
// the same file into a bare table, in the same run. `--rows N` (default 1 000 000). A third line
// shows the floor under any Node importer: better-sqlite3 storing the same rows, pre-split, into
// that bare table (ingest-floor.mjs), against which our writer thread can be judged. A fourth
// shows sqlite3 doing our storage work in C (ingest-same-storage.mjs), with our ratio against it.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sameStorageReference } from './ingest-same-storage.mjs';
import { measure, option } from './measure.mjs';
import { generatedCloudwatchCsv } from './vigil-process.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cli = path.join(root, 'bin', 'vigil.js');

export async function run(args) {
  const rows = Number(option(args, 'rows', '1000000'));
  const out = path.join(root, 'bench', 'out');
  const file = await generatedCloudwatchCsv(rows);
  const sizeMb = fs.statSync(file).size / 1e6;

  const refDb = path.join(out, 'reference.db');
  fs.rmSync(refDb, { force: true });
  const reference = measure('sqlite3', [refDb, `.import --csv ${file} sessions`]);

  const ourDb = path.join(out, 'vigil-bench.db');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(ourDb + suffix, { force: true });
  const ours = measure(process.execPath, [cli, 'ingest', file, '--db', ourDb, '--json'], {
    VIGIL_TRACE_INGEST: '1',
  });
  const [result] = JSON.parse(ours.stdout);
  if (result.status !== 'done') throw new Error(`our import ended ${result.status}: ${result.message}`);
  const trace = ours.stderr.match(/ingest trace: (.*)/)?.[1] ?? '';

  const floorRun = spawnSync(
    process.execPath,
    [path.join(here, 'ingest-floor.mjs'), file, path.join(out, 'floor.db')],
    {
      encoding: 'utf8',
    },
  );
  if (floorRun.status !== 0) throw new Error(`ingest-floor failed: ${floorRun.stderr}`);
  const floor = JSON.parse(floorRun.stdout.trim().split('\n').at(-1));

  const sameStorage = await sameStorageReference(file, path.join(out, 'same-storage.db'));
  if (sameStorage.stored !== rows) throw new Error(`sqlite3 stored ${sameStorage.stored} of ${rows} rows`);

  const ourRate = result.rowsRead / ours.seconds;
  const refRate = rows / reference.seconds;
  console.log(`\ningest: CloudWatch CSV, ${rows.toLocaleString('en-US')} rows, ${sizeMb.toFixed(0)} MB`);
  console.log('                      seconds     rows/s   peak RSS');
  console.log(
    `  vigil ingest       ${ours.seconds.toFixed(2).padStart(8)} ${Math.round(ourRate).toLocaleString('en-US').padStart(10)} ${ours.peakRssMb.toFixed(0).padStart(7)} MB`,
  );
  console.log(
    `  sqlite3 .import    ${reference.seconds.toFixed(2).padStart(8)} ${Math.round(refRate).toLocaleString('en-US').padStart(10)} ${reference.peakRssMb.toFixed(0).padStart(7)} MB`,
  );
  console.log(
    `  insert floor       ${floor.seconds.toFixed(2).padStart(8)}   better-sqlite3 storing the same rows, pre-split, in a bare table (insert calls only): ${(floor.seconds / reference.seconds).toFixed(2)} × sqlite3's whole import`,
  );
  console.log(
    `  sqlite3, our store ${sameStorage.seconds.toFixed(2).padStart(8)} ${Math.round(
      rows / sameStorage.seconds,
    )
      .toLocaleString('en-US')
      .padStart(
        10,
      )} ${sameStorage.peakRssMb.toFixed(0).padStart(7)} MB   the same file into Vigil's sessions table and indexes, in C, without validation, enrichment or rollups`,
  );
  console.log(
    `  ratio (ours / reference rows/s): ${(ourRate / refRate).toFixed(2)}   target ≥ 1.0;  peak RSS target < 300 MB`,
  );
  console.log(`  ratio (ours / sqlite3 into our store): ${(sameStorage.seconds / ours.seconds).toFixed(2)}`);
  console.log(
    `  stored ${result.stored}, quarantined ${result.quarantined}, duplicates ${result.duplicates}; ${trace}`,
  );
  console.log(
    '  (we also validate, normalise, enrich, de-duplicate and keep rollups; sqlite3 only stores text)',
  );
}
