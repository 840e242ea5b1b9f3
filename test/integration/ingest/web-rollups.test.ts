// The Overview's web panels for the unfiltered view come from the web rollups (migration 021),
// summed at import (ingest/web-rollup-sums.ts) into the writer's staging and merged when the
// import is done. Checked against the session scan the panels use for a filter, and the rollup
// tables against a recount from the sessions, on generated access logs: imports over several
// windows, a re-import that is all duplicates, an import cancelled between two flushes, the
// rollback of a finished import, and the migration filling them for requests stored before it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webRequestsOverview } from '../../../src-main/core/analytics/web-requests.js';
import { rollBackImport } from '../../../src-main/core/db/import-rollback.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { generateTraffic } from '../../../src-main/core/generate/generate.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { WEB_CELL_BUDGET } from '../../../src-main/core/ingest/web-rollup-sums.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { userAgentClass } from '../../../src-shared/user-agent-class.js';
import { dropAddressSortKeys } from '../../helpers/older-schema.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
// Small windows: the parser closes one every few batches, so each import stages several times.
const WINDOW_CELLS = 20_000;
const DAY = 86_400_000;

async function accessLog(dir: string, name: string, rows: number, seed: number, startDay: number) {
  const out = path.join(dir, name);
  await generateTraffic({
    rows,
    seed,
    out,
    format: 'combined',
    start: Date.UTC(2024, 3, 25) + startDay * DAY,
    days: 2,
    attackRate: 0.05,
  });
  return out;
}

// Excludes no session (no request has this method), so the panels are answered by the scan.
const SCAN = { clauses: parseFilterOrThrow('-method:NO-SUCH-METHOD') };

const FINISHED = `(method_id IS NOT NULL OR path_id IS NOT NULL)
  AND import_id NOT IN (SELECT id FROM imports WHERE status = 'running')`;

/** The rollup tables, and the same sums counted again from the sessions. */
function tablesAndRecount(db: Db) {
  const rows = (sql: string) => db.prepare(sql).all();
  const time = (g: number) =>
    rows(`SELECT ${g} AS g, (start_ts / ${g}) * ${g} AS bucket,
            CASE WHEN response_code BETWEEN 100 AND 599 THEN response_code / 100 ELSE 0 END AS class,
            count(*) AS n, min(start_ts) AS first, max(start_ts) AS last
          FROM sessions WHERE ${FINISHED} GROUP BY 2, 3 ORDER BY 2, 3`);
  return {
    rollup: {
      time: rows(`SELECT granularity AS g, bucket, status_class AS class, sessions AS n, first_ts AS first,
                   last_ts AS last FROM rollup_web_time ORDER BY 1, 2, 3`),
      values: rows('SELECT field, value_id AS id, sessions AS n FROM rollup_web_values ORDER BY 1, 2'),
    },
    recount: {
      time: [...time(60_000), ...time(3_600_000), ...time(DAY)],
      values: rows(`SELECT * FROM (
          SELECT 'method' AS field, method_id AS id, count(*) AS n FROM sessions WHERE ${FINISHED} AND method_id IS NOT NULL GROUP BY 2
          UNION ALL SELECT 'path', path_id, count(*) FROM sessions WHERE ${FINISHED} AND path_id IS NOT NULL GROUP BY 2
          UNION ALL SELECT 'userAgent', coalesce(user_agent_id, 0), count(*) FROM sessions WHERE ${FINISHED} GROUP BY 2)
        ORDER BY 1, 2`),
    },
  };
}

function expectRollupsTrue(db: Db, requests: number) {
  const { rollup, recount } = tablesAndRecount(db);
  expect(rollup).toEqual(recount);
  const fromRollups = webRequestsOverview(db, {});
  expect(fromRollups.requests).toBe(requests);
  expect(fromRollups).toEqual(webRequestsOverview(db, SCAN));
}

/** `lines` requests of one client, each to a path of its own, a second apart from day `day`. */
function uniquePathsLog(dir: string, name: string, lines: number, day: number): string {
  const file = path.join(dir, name);
  const start = Date.UTC(2024, 5, 1 + day);
  const text: string[] = [];
  for (let i = 0; i < lines; i++) {
    const d = new Date(start + i * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const time = `${pad(d.getUTCDate())}/Jun/2024:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
    text.push(
      `198.51.100.${day} - - [${time}] "GET /item/${day}/${i} HTTP/1.1" ${i % 7 ? 200 : 404} 10 "-" "curl/8"`,
    );
  }
  fs.writeFileSync(file, `${text.join('\n')}\n`);
  return file;
}

const requestsStored = (db: Db) =>
  db.prepare(`SELECT count(*) FROM sessions WHERE ${FINISHED}`).pluck().get() as number;

describe('web rollups', () => {
  it('answer the unfiltered panels as the scan does after several imports, a cancel and a rollback', {
    timeout: 180_000,
  }, async () => {
    const dir = tempDir();
    const a = await accessLog(dir, 'a.log', 30_000, 3, 0);
    const b = await accessLog(dir, 'b.log', 30_000, 8, 1);
    const c = await accessLog(dir, 'c.log', 2_000, 11, 3);
    const db = openDatabase(path.join(dir, 'web.db'));
    const windowed = (file: string, parser: 'inline' | 'worker') => ({
      file,
      enrich: false,
      parser,
      windowCells: WINDOW_CELLS,
    });

    const first = await runImport(db, windowed(a, 'inline'));
    expect(first.status).toBe('done');
    expect(first.stored).toBeGreaterThan(25_000);
    expectRollupsTrue(db, requestsStored(db));
    const afterA = requestsStored(db);

    // Overlapping days, other clients: cells shared with the first import add up.
    const second = await runImport(db, windowed(b, 'worker'));
    expect(second.status).toBe('done');
    expectRollupsTrue(db, requestsStored(db));
    expect(requestsStored(db)).toBeGreaterThan(afterA);

    // The first file again with 500 lines of another: its rows are duplicates, the 500 are added.
    const aAgain = path.join(dir, 'a-again.log');
    const extra = fs.readFileSync(c, 'utf8').split('\n').slice(0, 500).join('\n');
    fs.writeFileSync(aAgain, `${fs.readFileSync(a, 'utf8')}${extra}\n`);
    const afterB = requestsStored(db);
    const again = await runImport(db, windowed(aAgain, 'inline'));
    expect(again).toMatchObject({ status: 'done', duplicates: first.stored, stored: 500 });
    expect(requestsStored(db)).toBe(afterB + 500);
    expectRollupsTrue(db, requestsStored(db));

    // A log of unique paths: its sums fill their memory budget and are staged during the import.
    const unique = uniquePathsLog(dir, 'unique.log', WEB_CELL_BUDGET + 10_000, 0);
    const many = await runImport(db, windowed(unique, 'worker'));
    expect(many.stored).toBe(WEB_CELL_BUDGET + 10_000);
    expectRollupsTrue(db, requestsStored(db));

    // Cancelled once its writer has staged web sums that are not in the rollups.
    const before = tablesAndRecount(db).rollup;
    const abort = new AbortController();
    let stagedWhenCancelled = 0;
    const cancelled = await runImport(
      db,
      windowed(uniquePathsLog(dir, 'more.log', WEB_CELL_BUDGET + 30_000, 1), 'inline'),
      {
        signal: abort.signal,
        progressIntervalMs: 0,
        onProgress: () => {
          if (abort.signal.aborted) return;
          stagedWhenCancelled = db
            .prepare('SELECT count(*) FROM temp.staged_rollup_web_values')
            .pluck()
            .get() as number;
          if (stagedWhenCancelled > 0) abort.abort();
        },
      },
    );
    expect(cancelled.status).toBe('cancelled');
    expect(stagedWhenCancelled).toBeGreaterThan(0);
    expect(tablesAndRecount(db).rollup).toEqual(before);
    expectRollupsTrue(db, requestsStored(db));
    const afterUnique = requestsStored(db);

    // A finished import rolled back: its share leaves the rollups, the others' stays.
    const ofSecond = db
      .prepare(
        'SELECT count(*) FROM sessions WHERE import_id = ? AND (method_id IS NOT NULL OR path_id IS NOT NULL)',
      )
      .pluck()
      .get(second.id) as number;
    rollBackImport(db, second.id);
    expect(requestsStored(db)).toBe(afterUnique - ofSecond);
    expectRollupsTrue(db, afterUnique - ofSecond);
    db.close();
  });

  it('are filled by migrations 021 and 022 for requests stored before them', {
    timeout: 120_000,
  }, async () => {
    const dir = tempDir();
    const file = await accessLog(dir, 'a.log', 20_000, 5, 0);
    const dbPath = path.join(dir, 'old.db');
    let db = openDatabase(dbPath);
    await runImport(db, { file, enrich: false });
    // As a database from before migration 021 would be: the requests stored, no web rollups (nor
    // the user agents' classes of 022, nor the imports' labels files of 023 and origins of 026, nor
    // the address sort keys of 027, nor the rules' no_level of 028).
    db.exec(`DROP TABLE rollup_web_time; DROP TABLE rollup_web_values;
      ALTER TABLE user_agents DROP COLUMN class; ALTER TABLE imports DROP COLUMN labels_file;
      ALTER TABLE imports DROP COLUMN origin; ALTER TABLE rules DROP COLUMN no_level;
      PRAGMA user_version = 20`);
    dropAddressSortKeys(db);
    db.close();
    db = openDatabase(dbPath);
    expectRollupsTrue(db, requestsStored(db));
    expect(requestsStored(db)).toBeGreaterThan(15_000);
    const agents = db.prepare('SELECT value, class FROM user_agents').all() as {
      value: string;
      class: string;
    }[];
    expect(agents.length).toBeGreaterThan(10);
    expect(agents.filter((a) => a.class !== userAgentClass(a.value))).toEqual([]);
    db.close();
  });
});
