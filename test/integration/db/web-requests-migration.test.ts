// Migration 016: the HTTP request as fields of the session. A database written before it gets the
// columns and dictionaries with nothing in them for its sessions, except its WAF sessions: their
// requests move out of their extras into the fields, keyed as a new import of the same records is,
// so the same WAF file (or CloudWatch export) imported again stores nothing twice.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { announceMigrationsTo, migrate } from '../../../src-main/core/db/migrate.js';
import { webRequests } from '../../../src-main/core/db/migrations/016-web-requests.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { sessionPage, whereClause } from '../../../src-main/core/db/sessions.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import type { Session } from '../../../src-shared/domain.js';
import { type FieldDef, SESSION_FIELDS } from '../../../src-shared/fields/index.js';
import { parseFilterOrThrow } from '../../../src-shared/filter/index.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { writeAsOlderSchema } from '../../helpers/older-schema.js';
import { createTempDirs } from '../../helpers/temp.js';
import { fixture } from '../../unit/ingest/fixtures.js';
import { wafRow } from '../ingest/specs.js';

const tempDir = createTempDirs();
const CSV_ROWS = 120;

/** WAF records with what real logs vary: a Referer, no headers, no version, an empty query, ids. */
function wafRecords(): string[] {
  const generated = Array.from({ length: 40 }, (_, i) => {
    const record = JSON.parse(wafRow(i, { ua: i % 3 === 0 ? 'curl/8.4.0' : 'sqlmap/1.7' }));
    if (i % 2 === 0) record.httpRequest.headers.push({ name: 'Referer', value: `https://ref.example/${i}` });
    if (i % 5 === 0) record.httpRequest.args = '';
    if (i % 7 === 0) delete record.httpRequest.httpVersion;
    if (i % 11 === 0) record.httpRequest.headers = [];
    return JSON.stringify(record);
  });
  return [...fixture('waf.jsonl').trimEnd().split('\n'), ...generated];
}

const ids = (db: Db, text: string) => {
  const { sql, params } = whereClause({ clauses: parseFilterOrThrow(text) });
  return db.prepare(`SELECT id FROM sessions ${sql} ORDER BY id`).pluck().all(params) as number[];
};

function sessionsOf(db: Db, importId: number): Session[] {
  const page = sessionPage(db, {
    filter: {},
    sort: 'startTs',
    direction: 'asc',
    offset: 0,
    limit: 1000,
  });
  return page.items.filter((s) => s.importId === importId).sort((a, b) => a.rawLine - b.rawLine);
}

describe('migration 016 (the HTTP request as fields)', () => {
  it('adds the fields empty, moves stored WAF requests into them, and the same files stay duplicates', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v15.db');
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const csv = `${CLOUDWATCH_HEADER}\n${Array.from({ length: CSV_ROWS }, (_, i) => cloudwatchRow(i)).join('\n')}\n`;
    const requests = wafRecords();
    const wafFile = write('waf.log', `${requests.join('\n')}\n`);

    // A database as schema 15 left it: WAF requests kept in the extras, the version as the protocol.
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, 15);
    let csvImport = 0;
    let wafImport = 0;
    await writeAsOlderSchema(old, async () => {
      csvImport = (await runImport(old, { file: write('a.csv', csv), enrich: false })).id;
      wafImport = (await runImport(old, { file: wafFile, enrich: false })).id;
    });
    const keys = (db: Database.Database, importId: number) =>
      db.prepare('SELECT id, key_hash AS key FROM sessions WHERE import_id = ? ORDER BY id').all(importId);
    const csvKeys = keys(old, csvImport);
    expect(csvKeys).toHaveLength(CSV_ROWS);
    // Every request in the extras, first (the older importer's order).
    const inExtras = old
      .prepare(
        `SELECT count(*) FROM sessions s JOIN attr_sets a ON a.id = s.attrs_id
         WHERE s.import_id = ? AND a.json LIKE '{"uri":%'`,
      )
      .pluck()
      .get(wafImport);
    expect(inExtras).toBe(requests.length);
    old.close();

    const notices: string[] = [];
    announceMigrationsTo((notice) => notices.push(notice));
    const db = openDatabase(file);
    announceMigrationsTo(null);
    // A few WAF sessions are no long wait: the upgrade does not announce itself.
    expect(notices).toEqual([]);

    // Every field's column, and each interned field's dictionary.
    const columns = (db.prepare('PRAGMA table_xinfo(sessions)').all() as { name: string }[]).map(
      (c) => c.name,
    );
    for (const field of SESSION_FIELDS as readonly FieldDef[]) {
      expect(columns).toContain(field.column);
      if (field.storage === 'interned')
        expect(
          db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = ?`).pluck().get(field.dictionary),
        ).toBe(1);
    }
    // The CloudWatch sessions: no request, and their keys as they were.
    expect(keys(db, csvImport)).toEqual(csvKeys);
    expect(
      db
        .prepare(
          `SELECT count(*) FROM sessions WHERE import_id = ? AND coalesce(method_id, host_id, path_id, query,
             http_version_id, user_agent_id, referrer_id, request_time_ms, tls_protocol_id, tls_cipher_id,
             request_id, request_line) IS NOT NULL`,
        )
        .pluck()
        .get(csvImport),
    ).toBe(0);

    // The WAF sessions: as a new import of the same file stores them, less what was never kept.
    const fresh = openDatabase(path.join(dir, 'fresh.db'));
    const freshImport = (await runImport(fresh, { file: wafFile, enrich: false })).id;
    const expected = sessionsOf(fresh, freshImport).map((s) => ({
      ...s,
      id: 0,
      importId: 0,
      referrer: null,
      requestId: null,
    }));
    const migrated = sessionsOf(db, wafImport).map((s) => ({ ...s, id: 0, importId: 0 }));
    expect(migrated).toHaveLength(requests.length);
    expect(migrated).toEqual(expected);
    expect(migrated.filter((s) => s.path !== null && s.userAgent !== null).length).toBeGreaterThan(30);
    fresh.close();
    // The extra-column sets only they used are gone.
    expect(db.prepare(`SELECT count(*) FROM attr_sets WHERE json LIKE '%"user-agent":%'`).pluck().get()).toBe(
      0,
    );
    // The request terms find them.
    expect(ids(db, 'ua:curl').length).toBe(migrated.filter((s) => s.userAgent?.includes('curl')).length);
    expect(ids(db, 'path:/products').length).toBe(40);
    expect(ids(db, "query:\"OR '1'='1\"").length).toBe(migrated.filter((s) => s.query !== null).length - 1);

    // The same requests again, some with new ones: only the new ones are stored.
    const more = Array.from({ length: 3 }, (_, i) => wafRow(1000 + i));
    const again = await runImport(db, {
      file: write('again.log', `${[...requests, ...more].join('\n')}\n`),
      enrich: false,
    });
    expect(again).toMatchObject({ status: 'done', stored: 3, duplicates: requests.length, quarantined: 0 });
    const crlf = await runImport(db, { file: write('b.csv', csv.replaceAll('\n', '\r\n')), enrich: false });
    expect(crlf).toMatchObject({ status: 'done', stored: 0, duplicates: CSV_ROWS });
    db.close();
  });

  it('announces itself only where the WAF sessions are many', () => {
    const db = new Database(path.join(tempDir(), 'count.db'));
    migrate(db, 15);
    const addImport = db.prepare(
      `INSERT INTO imports (file, file_name, format, size_bytes, quick_hash, status, started_at,
         first_session_id, last_session_id) VALUES ('f', 'f', ?, 0, 'x', 'done', 0, ?, ?)`,
    );
    addImport.run('waf-json', 1, 100_000);
    addImport.run('cloudwatch-csv', 100_001, 900_000);
    expect(webRequests.noticeWhen?.(db)).toBe(false);
    addImport.run('waf-json', 900_001, 1_000_000);
    expect(webRequests.noticeWhen?.(db)).toBe(true);
    db.close();
  });
});
