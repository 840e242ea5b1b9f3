// Migration 027: a database written before the address sort keys gets them for every stored session
// (the key of its source and of its destination, as today's writer computes them), and its Sessions
// table then sorts those sessions as addresses, through the key indexes.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addressSortKey } from '../../../src-main/core/db/address-sort-key.js';
import { migrate } from '../../../src-main/core/db/migrate.js';
import { addressSortKeys } from '../../../src-main/core/db/migrations/027-address-sort-keys.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { sessionPage } from '../../../src-main/core/db/sessions.js';
import { insertSessions } from '../../helpers/insert-sessions.js';
import { writeAsOlderSchema } from '../../helpers/older-schema.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

const ROWS = [
  { srcIp: '10.0.0.10', dstIp: '2001:db8::10' },
  { srcIp: '2001:db8::9', dstIp: '10.0.0.9' },
  { srcIp: '10.0.0.9', dstIp: null },
  // IPv4-mapped, once with its IPv4 tail in hex groups: the address it carries.
  { srcIp: '::ffff:a00:9', dstIp: '::FFFF:10.0.0.10' },
  { srcIp: 'gateway.example', dstIp: '' },
  { srcIp: '', dstIp: '9.255.255.255' },
  { srcIp: '100.0.0.1', dstIp: '2001:DB8::1' },
  { srcIp: '9.255.255.255', dstIp: 'fe80::1' },
];

describe('migration 027: address sort keys', () => {
  it('keys every stored session of a database at version 26, then sorts them as addresses', async () => {
    const file = path.join(tempDir(), 'v26.db');
    const old = new Database(file);
    migrate(old, 26);
    await writeAsOlderSchema(old, () =>
      insertSessions(
        old,
        ROWS.map((row, i) => ({ ...row, startTs: 1_700_000_000_000 + i })),
      ),
    );
    const columns = (
      old.prepare(`SELECT name FROM pragma_table_info('sessions')`).pluck().all() as string[]
    ).join(' ');
    expect(columns).not.toMatch(/sort_key/);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(27);
    const stored = db
      .prepare('SELECT src_ip, dst_ip, src_ip_sort_key, dst_ip_sort_key FROM sessions ORDER BY id')
      .all() as { src_ip: string; dst_ip: string | null; src_ip_sort_key: Buffer; dst_ip_sort_key: Buffer }[];
    expect(stored).toHaveLength(ROWS.length);
    for (const row of stored) {
      expect(row.src_ip_sort_key, row.src_ip).toEqual(addressSortKey(row.src_ip));
      expect(row.dst_ip_sort_key, String(row.dst_ip)).toEqual(addressSortKey(row.dst_ip));
    }
    // The mapped texts have their IPv4 address's key.
    expect(stored[3]!.src_ip_sort_key).toEqual(stored[2]!.src_ip_sort_key);
    expect(stored[3]!.dst_ip_sort_key).toEqual(stored[0]!.src_ip_sort_key);

    const order = (sort: 'srcIp' | 'dstIp') =>
      sessionPage(db, { filter: {}, sort, direction: 'asc', offset: 0, limit: 100 }).items.map(
        (s) => s[sort],
      );
    expect(order('srcIp')).toEqual([
      '9.255.255.255',
      '10.0.0.9',
      '::ffff:a00:9',
      '10.0.0.10',
      '100.0.0.1',
      '2001:db8::9',
      'gateway.example',
      '',
    ]);
    expect(order('dstIp')).toEqual([
      '9.255.255.255',
      '10.0.0.9',
      '::FFFF:10.0.0.10',
      '2001:DB8::1',
      '2001:db8::10',
      'fe80::1',
      null,
      '',
    ]);
    const indexes = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions'`)
      .pluck()
      .all();
    expect(indexes).toEqual(expect.arrayContaining(['sessions_src_sort', 'sessions_dst_sort']));
    db.close();
  });

  it('announces itself only where the sessions are many', async () => {
    const db = new Database(path.join(tempDir(), 'many.db'));
    migrate(db, 26);
    await writeAsOlderSchema(db, () => insertSessions(db, [{ startTs: 0, srcIp: '10.0.0.1' }]));
    expect(addressSortKeys.noticeWhen?.(db)).toBe(false);
    db.prepare('UPDATE sessions SET id = 500000').run();
    expect(addressSortKeys.noticeWhen?.(db)).toBe(true);
    db.close();
  });

  it('leaves an empty database with the columns and nothing to key', () => {
    const db = openDatabase(path.join(tempDir(), 'fresh.db'));
    const info = db.prepare('PRAGMA table_info(sessions)').all() as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
    }[];
    for (const name of ['src_ip_sort_key', 'dst_ip_sort_key'])
      expect(info.find((c) => c.name === name)).toMatchObject({
        type: 'BLOB',
        notnull: 1,
        dflt_value: "X'FF'",
      });
    db.close();
  });
});
