// Migration 013: repeats are counted and WAF / pulled events are keyed by their own ids. A database
// written before keeps every key (the first of identical rows keeps the natural key), and the
// sessions that an event id would now key are recorded, so an overlapping file still finds them.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.js';
import { legacyEventSessions as legacyEventSessions013 } from '../../../src-main/core/db/migrations/013-legacy-event-sessions.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { legacyEventSessions } from '../../../src-main/core/db/session-keys.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { type KeyFields, naturalKeyOf } from '../../../src-main/core/session-key.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { writeAsOlderSchema } from '../../helpers/older-schema.js';
import { createTempDirs } from '../../helpers/temp.js';
import { wafRow } from '../ingest/specs.js';

const tempDir = createTempDirs();
const WAF = 40;

/** The natural key of each stored session, from its columns: how sessions were keyed before 013. */
function naturalKeys(db: Database.Database): { id: number; key_hash: number; natural: number }[] {
  const rows = db
    .prepare(
      `SELECT id, key_hash, src_ip AS srcIp, dst_ip AS dstIp, src_port AS srcPort, dst_port AS dstPort,
         protocol, start_ts AS startTs, end_ts AS endTs, bytes_in AS bytesIn, bytes_out AS bytesOut,
         packets, rule_name AS ruleName, detection_type AS detectionType, action,
         (SELECT json FROM attr_sets WHERE id = attrs_id) AS attrs
       FROM sessions ORDER BY id`,
    )
    .all() as (KeyFields & { id: number; key_hash: number })[];
  return rows.map((row) => ({ id: row.id, key_hash: row.key_hash, natural: naturalKeyOf(row) }));
}

describe('migration 013 (sessions keyed before event ids and repeats)', () => {
  it('keeps every key, records the WAF sessions, and an overlapping WAF file still finds them', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v.db');
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    // A database as schema 12 left it: a CloudWatch CSV and a WAF log, keyed as that version did
    // (by the natural key; the WAF keys are set back to it, as the request ids were not used then).
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, 12);
    const rows = Array.from({ length: 200 }, (_, i) => cloudwatchRow(i));
    const csv = `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`;
    const requests = Array.from({ length: WAF }, (_, i) => wafRow(i));
    let waf = { id: 0 };
    await writeAsOlderSchema(old, async () => {
      expect((await runImport(old, { file: write('a.csv', csv), enrich: false })).stored).toBe(200);
      waf = await runImport(old, { file: write('a.log', `${requests.join('\n')}\n`), enrich: false });
      expect(waf).toMatchObject({ stored: WAF });
    });
    // The first of identical rows keeps the natural key: CSV sessions are keyed as before already.
    const csvKeys = naturalKeys(old).slice(0, 200);
    expect(csvKeys.filter((k) => k.key_hash !== k.natural)).toEqual([]);
    const setKey = old.prepare('UPDATE sessions SET key_hash = ? WHERE id = ?');
    for (const { id, natural } of naturalKeys(old).slice(200)) setKey.run(natural, id);
    const wafStarts = old
      .prepare(
        'SELECT min(start_ts) AS lo, max(start_ts) AS hi, max(id) AS id FROM sessions WHERE import_id = ?',
      )
      .get(waf.id) as { lo: number; hi: number; id: number };
    const keysBefore = naturalKeys(old).map((k) => k.key_hash);
    old.close();

    // Migration 013 itself keys nothing anew (016 later remakes the WAF sessions' keys with their
    // requests, whatever the key's discriminator: see web-requests-migration.test.ts).
    const at13 = new Database(file);
    migrate(at13, 13);
    expect(naturalKeys(at13).map((k) => k.key_hash)).toEqual(keysBefore);
    at13.close();
    const db = openDatabase(file);
    expect(legacyEventSessions(db)).toEqual({
      minStartTs: wafStarts.lo,
      maxStartTs: wafStarts.hi,
      maxId: wafStarts.id,
    });

    // The same requests among new ones, from another delivery: keyed by request id now, and still
    // recognised as the sessions stored before.
    const overlap = [...requests.slice(10), ...Array.from({ length: 5 }, (_, i) => wafRow(WAF + i))];
    const again = await runImport(db, { file: write('b.log', `${overlap.join('\n')}\n`), enrich: false });
    expect(again).toMatchObject({ status: 'done', rowsRead: WAF - 10 + 5, stored: 5, duplicates: WAF - 10 });
    // And the CSV rows from other bytes, by their unchanged keys.
    const crlf = await runImport(db, { file: write('b.csv', csv.replaceAll('\n', '\r\n')), enrich: false });
    expect(crlf).toMatchObject({ status: 'done', stored: 0, duplicates: 200 });
    db.close();
  });

  it('reads only the WAF and pulled imports’ sessions, by id range, and records nothing without them', () => {
    const db = openDatabase(path.join(tempDir(), 'fresh.db'));
    expect(legacyEventSessions(db)).toBeNull();
    // The migration's INSERT … SELECT, as it runs.
    const insert = legacyEventSessions013.sql
      .split(';')
      .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
      .find((statement) => statement.startsWith('INSERT'))!;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${insert}`).all() as { detail: string }[]).map(
      (r) => r.detail,
    );
    expect(plan).toContainEqual(
      expect.stringMatching(/^SEARCH s USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/),
    );
    db.close();
  });
});
