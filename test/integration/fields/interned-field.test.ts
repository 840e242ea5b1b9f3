// A field stored interned (src-shared/fields, storage 'interned'): the user agent, one record in
// the field table and its column and dictionary from migration 016. Everything is the real code:
// the batch codec and writer, the insert, the page, sort, filter, free text, suggestions, exports
// and the Sessions table's columns, all derived from the table.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestValues } from '../../../src-main/core/db/analytics-suggest.js';
import { resolveFreeText } from '../../../src-main/core/db/free-text.js';
import { type Db, openDatabase } from '../../../src-main/core/db/open.js';
import { prepareSessionInsert, sessionPage, whereClause } from '../../../src-main/core/db/sessions.js';
import { ArrayPool } from '../../../src-main/core/ingest/array-pool.js';
import { BatchEncoder } from '../../../src-main/core/ingest/batch-codec.js';
import { BatchWriter } from '../../../src-main/core/ingest/batch-writer.js';
import type { SessionRow } from '../../../src-main/core/ingest/types.js';
import { exportToFile } from '../../../src-main/core/reports/export-file.js';
import { COLUMNS } from '../../../src-renderer/views/sessions/columns.js';
import { Session, type SessionFilter } from '../../../src-shared/domain.js';
import { FIELD_NAMES, parseFilter } from '../../../src-shared/filter/index.js';
import { createTempDirs } from '../../helpers/temp.js';
import { parseCsv } from '../reports/csv-parse.js';

const tempDir = createTempDirs();
const AGENTS = ['curl/8.0', 'Mozilla/5.0 (X11; Linux) Firefox/126.0', 'sqlmap/1.8', null] as const;
const ROWS = 40;

/** A database with the field's column and dictionary, and ROWS sessions stored by the ingest writer. */
function storedSessions(): Db {
  const dir = tempDir();
  const db = openDatabase(path.join(dir, 'interned.db'));
  db.prepare(
    `INSERT INTO imports (id, file, file_name, format, size_bytes, quick_hash, status, started_at)
     VALUES (1, 'f', 'f', 'cloudwatch-csv', 0, 'x', 'running', 0)`,
  ).run();
  const encoder = new BatchEncoder(ROWS);
  for (let i = 0; i < ROWS; i++) {
    const row = {
      startTs: Date.UTC(2024, 3, 25) + i * 1000,
      endTs: Date.UTC(2024, 3, 25) + i * 1000 + 500,
      srcIp: `198.51.100.${i % 5}`,
      dstIp: '10.0.0.1',
      srcPort: 40_000 + i,
      dstPort: 443,
      protocol: 'HTTPS',
      bytesIn: i,
      bytesOut: 2 * i,
      packets: null,
      responseCode: 200,
      country: 'US',
      asn: null,
      ruleName: null,
      detectionType: 'web',
      action: null,
      label: null,
      userAgent: AGENTS[i % AGENTS.length]!,
      attrs: null,
      line: i + 1,
    } as SessionRow;
    encoder.add(row);
  }
  const writer = new BatchWriter(db, 1);
  writer.write(encoder.take([], 0, new ArrayPool()));
  expect(writer.counts.stored).toBe(ROWS);
  db.prepare(`UPDATE imports SET status = 'done' WHERE id = 1`).run();
  return db;
}

const agentOf = (i: number) => AGENTS[i % AGENTS.length]!;
const idsWhere = (test: (agent: string | null) => boolean) =>
  Array.from({ length: ROWS }, (_, i) => i + 1).filter((id) => test(agentOf(id - 1)));

function matching(db: Db, filter: SessionFilter): number[] {
  const { sql, params } = whereClause(filter);
  return db.prepare(`SELECT id FROM sessions ${sql} ORDER BY id`).pluck().all(params) as number[];
}

function clauses(text: string) {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.clauses;
}

describe('an interned field', () => {
  it('stores each distinct text once and an id per session', () => {
    const db = storedSessions();
    const texts = db.prepare('SELECT value FROM user_agents ORDER BY value').pluck().all();
    expect(texts).toEqual(AGENTS.filter((a) => a !== null).sort());
    const stored = db
      .prepare('SELECT typeof(user_agent_id) AS t, count(*) AS n FROM sessions GROUP BY 1')
      .all();
    expect(stored).toEqual([
      { t: 'integer', n: 30 },
      { t: 'null', n: 10 },
    ]);
    // The insert for tests and small writes interns too.
    const insert = prepareSessionInsert(db);
    const id = insert({
      id: null,
      importId: 1,
      keyHash: 99,
      startTs: 1,
      endTs: 2,
      srcIp: '10.9.9.9',
      userAgent: 'curl/8.0',
      rawLine: 99,
    } as Parameters<typeof insert>[0]);
    expect(db.prepare('SELECT count(*) FROM user_agents').pluck().get()).toBe(3);
    expect(
      sessionPage(db, {
        filter: { srcIp: '10.9.9.9' },
        sort: 'startTs',
        direction: 'asc',
        offset: 0,
        limit: 5,
      }),
    ).toMatchObject({ total: 1, items: [{ id, userAgent: 'curl/8.0' }] });
  });

  it('reads back as text in pages, sorts by its text and fits the Session schema', () => {
    const db = storedSessions();
    const page = sessionPage(db, {
      filter: {},
      sort: 'userAgent',
      direction: 'asc',
      offset: 0,
      limit: ROWS,
    });
    expect(page.total).toBe(ROWS);
    for (const item of page.items as Session[]) {
      expect(Session.parse(item)).toEqual(item);
      expect(item.userAgent).toBe(agentOf(item.id - 1));
    }
    // NULLs first, then the texts in order.
    const order = (page.items as Session[]).map((item) => item.userAgent);
    expect(order).toEqual([...order].sort((a, b) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : 1)));
  });

  it('is a filter term (any part, in any case), negated with its missing values, and searched as free text', () => {
    const db = storedSessions();
    expect(FIELD_NAMES.slice(FIELD_NAMES.indexOf('query'), FIELD_NAMES.indexOf('referrer') + 1)).toEqual([
      'query',
      'ua',
      'referrer',
    ]);
    expect(matching(db, { clauses: clauses('ua:CURL/8.0') })).toEqual(idsWhere((a) => a === 'curl/8.0'));
    expect(matching(db, { clauses: clauses('ua:url/8,sqlmap') })).toEqual(
      idsWhere((a) => a === 'curl/8.0' || a === 'sqlmap/1.8'),
    );
    expect(matching(db, { clauses: clauses('-ua:curl/8.0') })).toEqual(idsWhere((a) => a !== 'curl/8.0'));
    const firefox = idsWhere((a) => a?.includes('Firefox') ?? false);
    const scan = { clauses: clauses('firefox') };
    expect(matching(db, scan)).toEqual(firefox);
    // The word is looked up in the dictionary and asked as the field, with the same rows.
    const resolved = resolveFreeText(db, scan);
    expect(resolved.clauses).toEqual([
      { field: 'ua', negate: false, values: [{ kind: 'text', value: 'firefox' }] },
    ]);
    expect(matching(db, resolved)).toEqual(firefox);
    expect(suggestValues(db, 'ua', 'map', 5)).toEqual([{ value: 'sqlmap/1.8', sessions: -1 }]);
  });

  it('is exported as text, and a column of the Sessions table', async () => {
    const db = storedSessions();
    const dir = tempDir();
    await exportToFile(db, { filter: {}, format: 'csv', path: path.join(dir, 's.csv') });
    const [header, ...rows] = parseCsv(fs.readFileSync(path.join(dir, 's.csv'), 'utf8'));
    const at = header!.indexOf('user_agent');
    expect(at).toBe(header!.indexOf('http_version') + 1);
    expect(rows.map((row) => row[at])).toEqual(rows.map((row) => agentOf(Number(row[0]) - 1) ?? ''));
    await exportToFile(db, { filter: {}, format: 'json', path: path.join(dir, 's.json') });
    const json = JSON.parse(fs.readFileSync(path.join(dir, 's.json'), 'utf8')) as Session[];
    expect(json.map((s) => s.userAgent)).toEqual(json.map((s) => agentOf(s.id - 1)));
    const column = COLUMNS.find((c) => c.id === 'userAgent');
    expect(column).toMatchObject({ label: 'User agent', width: 240, sort: 'userAgent' });
    expect(COLUMNS[COLUMNS.indexOf(column!) - 1]!.id).toBe('responseCode');
  });
});
