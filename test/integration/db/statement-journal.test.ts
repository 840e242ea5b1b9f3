// A write of several steps that SQLite thinks may fail half-way keeps a statement journal, and
// with 64 KiB pages that journal spills to a temp file: on every ingest batch (about 5 GB of
// writes per million rows) and for every score row (27 GB per 200 000 sessions). The ingest
// writer avoids both causes, a function call in a generated column (migration 010) and checked
// foreign keys (paused while it writes); the score writer uses a plain INSERT, not OR REPLACE.
// SQLite creates the journal as an unlinked temp file named etilqs_*, held open until the
// transaction ends, so /proc/self/fd shows it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pauseForeignKeys } from '../../../src-main/core/db/foreign-keys.js';
import { migrate } from '../../../src-main/core/db/migrate.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { prepareScoreWriter, publishScores } from '../../../src-main/core/db/scores.js';
import {
  prepareSessionGroupInsert,
  SESSION_INSERT_WIDTH,
  sessionInsertValues,
} from '../../../src-main/core/db/sessions.js';
import { writeAsOlderSchema } from '../../helpers/older-schema.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const GROUP = 32;

function openSqliteTempFiles(): number {
  let open = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`).includes('etilqs_')) open++;
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return open;
}

function groupValues(first: number): unknown[] {
  const values: unknown[] = [];
  for (let key = first; key < first + GROUP; key++) {
    values.push(
      ...sessionInsertValues({
        id: key + 1,
        importId: 1,
        keyHash: key,
        startTs: 1_714_000_000_000 + key * 50,
        endTs: 1_714_000_060_000 + key * 50,
        srcIp: `10.0.${key % 250}.${key % 7}`,
        dstIp: '10.1.1.1',
        dstPort: 443,
        protocol: 'HTTPS',
        bytesIn: key,
        bytesOut: 2 * key,
        responseCode: 200,
        country: 'US',
        ruleName: 'Suspicious Web Traffic',
        detectionType: 'waf_rule',
        label: 'benign',
        rawLine: key + 2,
      }),
    );
  }
  expect(values).toHaveLength(GROUP * SESSION_INSERT_WIDTH);
  return values;
}

/** Stores 64 groups, then counts the temp files open in the middle of a second transaction. */
function tempFilesDuringBulkInsert(db: Db): number {
  db.prepare(
    `INSERT INTO imports (id, file, file_name, format, size_bytes, quick_hash, status, started_at)
     VALUES (1, 'f', 'f', 'cloudwatch-csv', 0, 'x', 'running', 0)`,
  ).run();
  const insert = prepareSessionGroupInsert(db);
  const ids = new Float64Array(GROUP);
  let next = 0;
  const insertGroups = (groups: number) => {
    for (let g = 0; g < groups; g++, next += GROUP) insert(groupValues(next), GROUP, ids);
  };
  db.transaction(() => insertGroups(64))();
  let open = -1;
  db.transaction(() => {
    insertGroups(64);
    open = openSqliteTempFiles();
  })();
  return open;
}

describe('bulk session inserts', () => {
  it('keep no statement journal once migration 010 ran and foreign keys are paused', () => {
    const db = openDatabase(path.join(tempDir(), 'now.db'));
    pauseForeignKeys(db);
    expect(tempFilesDuringBulkInsert(db)).toBe(0);
    db.close();
  });

  it('did keep one with checked foreign keys (the probe sees the journal)', () => {
    const db = openDatabase(path.join(tempDir(), 'checked.db'));
    expect(tempFilesDuringBulkInsert(db)).toBe(1);
    db.close();
  });

  it('did keep one with the schema before migration 010, even with foreign keys paused', async () => {
    const db = new Database(path.join(tempDir(), 'v9.db'));
    db.pragma('page_size = 65536');
    db.pragma('journal_mode = WAL');
    migrate(db, 9);
    pauseForeignKeys(db);
    await writeAsOlderSchema(db, () => expect(tempFilesDuringBulkInsert(db)).toBe(1));
    db.close();
  });
});

describe('score writes', () => {
  function scoreBatch(first: number, rows: number) {
    const sessionIds = Float64Array.from({ length: rows }, (_, i) => first + i);
    const scores = Float64Array.from(sessionIds, (id) => (id % 97) / 97);
    const flagged = Uint8Array.from(scores, (score) => (score >= 0.9 ? 1 : 0));
    const explanations = Array.from(flagged, (f) => (f ? '[{"feature":"log_bytes_in","weight":0.4}]' : null));
    return { sessionIds, scores, flagged, explanations, rows };
  }

  function setUp(): Db {
    const db = openDatabase(path.join(tempDir(), 'scores.db'));
    db.prepare(
      `INSERT INTO model_runs (id, kind, status, created_at, params, backend, data_snapshot, active)
       VALUES (1, 'iforest', 'done', 0, '{}', 'cpu', '[]', 1)`,
    ).run();
    return db;
  }

  it('keep no statement journal, store every row, and show none of a pass until it is published', () => {
    const db = setUp();
    const write = prepareScoreWriter(db);
    write(scoreBatch(0, 5000));
    // The staging is a TEMP table with a file of its own: anything beyond it would be a journal.
    const staging = openSqliteTempFiles();
    const batch = scoreBatch(5000, 5000);
    // Look while the writer's own transaction is open: from the last row's explanation, which it
    // reads after storing the rows before. (Wrapping the write in a transaction would make it a
    // savepoint, which needs a journal of its own.)
    let open = -1;
    Object.defineProperty(batch.explanations, 4999, {
      get: () => {
        open = openSqliteTempFiles();
        return null;
      },
    });
    write(batch);
    expect(open).toBe(staging);
    expect(() => write(scoreBatch(9999, 2))).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT count(*) FROM scores WHERE run_id = 1').pluck().get()).toBe(0);
    publishScores(db, 1);
    expect(db.prepare('SELECT count(*) FROM scores WHERE run_id = 1').pluck().get()).toBe(10_000);
    db.close();
  });

  it('did keep one per row with INSERT OR REPLACE (the probe sees it)', () => {
    const db = setUp();
    const replace = db.prepare(
      'INSERT OR REPLACE INTO scores (run_id, session_id, score, flagged, explanation) VALUES (1, ?, 0.5, 0, NULL)',
    );
    let open = -1;
    db.transaction(() => {
      for (let id = 5000; id < 5100; id++) replace.run(id);
      open = openSqliteTempFiles();
    })();
    expect(open).toBe(1);
    db.close();
  });
});
