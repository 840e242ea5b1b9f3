// A `vigil pull --source … --from … --to …` killed part-way (SIGKILL, a real child process) and run
// again: it continues from the last stored chunk instead of fetching the range from its start, and
// every row of the source ends up stored exactly once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PULL_CHUNK_ROWS } from '../../../src-main/core/connectors/clickhouse/pull.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import type { SourcePullSummary } from '../../../src-shared/domain.js';
import { T0, VIGIL_TABLE_COLUMNS } from '../../helpers/clickhouse-fixture.js';
import { type ClickHouseServer, startClickHouse } from '../../helpers/clickhouse-server.js';
import { createTempDirs } from '../../helpers/temp.js';
import { runCliProcess, spawnCli, whenDb } from '../crash-safety/child.js';

const tempDir = createTempDirs();
// Two chunks of the pull's rows: the kill lands after the first is stored, before the second is.
const ROWS = 2 * PULL_CHUNK_ROWS;
let server: ClickHouseServer;

beforeAll(async () => {
  server = await startClickHouse();
  await server.sql('CREATE DATABASE logs');
  await server.sql(`CREATE TABLE logs.web (${VIGIL_TABLE_COLUMNS}) ENGINE = MergeTree ORDER BY startTs`);
  // One row a second, and every 1000th second a second, identical row: copies the source holds.
  await server.sql(
    `INSERT INTO logs.web (startTs, endTs, srcIp, path, country)
     SELECT ts, ts, if(number % 1000 = 999, '10.9.9.9', concat('10.0.', toString(intDiv(number, 250) % 250), '.', toString(number % 250))), '/p', 'DE'
     FROM (SELECT ${T0} + (number - (number % 1000 = 999)) * 1000 AS ts, number FROM numbers(${ROWS}))`,
  );
  process.env.VIGIL_CLICKHOUSE_PASSWORD = server.password;
});
afterAll(async () => {
  await server?.stop();
});

const sessions = (dbFile: string) => {
  // Opening recovers what the kill left: the import under way is rolled back.
  const db = openDatabase(dbFile);
  try {
    return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('a killed --from/--to pull of a ClickHouse source', () => {
  // Three pulls of 200 000 rows through the CLI: a minute on a loaded machine.
  it('continues from its last stored chunk when run again, and stores every row once', {
    timeout: 240_000,
  }, async () => {
    const dir = tempDir();
    const db = path.join(dir, 'vigil.db');
    const added = await runCliProcess([
      'source',
      'add',
      'fleet',
      '--clickhouse',
      server.url,
      '--database',
      'logs',
      '--table',
      'web',
      '--db',
      db,
    ]);
    expect(added.stderr).toBe('');
    const pull = ['pull', '--source', 'fleet', '--from', String(T0), '--to', String(T0 + ROWS * 1000)];
    const args = [...pull, '--db', db, '--no-enrich', '--json'];

    const first = spawnCli(args);
    // Killed once a chunk is stored and the range's position saved after it (the one row of
    // source_pulls beside the filter's watermark, whose selector is '').
    await whenDb(db, first, (d) => {
      const saved = d
        .prepare("SELECT max(last_event_ts) AS ts FROM source_pulls WHERE selector <> ''")
        .get() as {
        ts: number | null;
      };
      return saved.ts ?? undefined;
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    // The chunk the kill interrupted is named for the kind of source that spooled it.
    const left = fs.readdirSync(path.join(dir, 'spool'));
    expect(left.length).toBeGreaterThan(0);
    for (const name of left) expect(name).toMatch(/^\d+-clickhouse-fleet-\d+-\d{4}-[0-9a-f]{6}\.log$/);
    const before = sessions(db);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(ROWS);

    const again = await runCliProcess(args);
    expect(again.code, again.stderr).toBe(0);
    const resumed = JSON.parse(again.stdout) as SourcePullSummary;
    expect(resumed.status).toBe('done');
    // Only what the killed run had not stored was fetched (and the rows of its last stored time).
    expect(resumed.rows).toBeLessThan(ROWS - before + 1000);
    expect(resumed.rows).toBeGreaterThanOrEqual(ROWS - before);
    expect(resumed.counts.stored).toBe(ROWS - before);
    expect(resumed.notes.join(' ')).toMatch(/Continued an interrupted pull from 2026-01-05T00:00:00\.000Z/);
    expect(sessions(db)).toBe(ROWS);
    expect(fs.readdirSync(path.join(dir, 'spool'))).toEqual([]);

    // The range is complete: asked again, it is fetched again and nothing is stored twice.
    const third = JSON.parse((await runCliProcess(args)).stdout) as SourcePullSummary;
    expect(third.counts).toMatchObject({ stored: 0, duplicates: ROWS });
    expect(third.notes.join(' ')).toMatch(/pulled completely before/);
    expect(sessions(db)).toBe(ROWS);
  });
});
