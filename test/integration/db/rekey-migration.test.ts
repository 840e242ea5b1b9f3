// Migration 009 re-keys stored sessions with the digest-based natural key: keys must come out
// exactly as an import computes them today, so a session stored before the upgrade is still
// recognised as a duplicate when another file brings it again.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { announceMigrationsTo, migrate, SCHEMA_VERSION } from '../../../src-main/core/db/migrate.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { runImport } from '../../../src-main/core/ingest/pipeline.js';
import { CLOUDWATCH_HEADER, cloudwatchRow } from '../../helpers/cloudwatch-rows.js';
import { writeAsOlderSchema } from '../../helpers/older-schema.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const ROWS = 500;

function keysById(db: Database.Database): Map<number, number> {
  const rows = db.prepare('SELECT id, key_hash FROM sessions ORDER BY id').all() as {
    id: number;
    key_hash: number;
  }[];
  return new Map(rows.map((row) => [row.id, row.key_hash]));
}

describe('migration 009 (natural keys from text digests)', () => {
  it('re-keys sessions stored before it exactly as an import keys them, twins kept apart', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v.db');
    const rows = Array.from({ length: ROWS }, (_, i) => cloudwatchRow(i));
    const csv = path.join(dir, 'first.csv');
    fs.writeFileSync(csv, `${CLOUDWATCH_HEADER}\n${rows.join('\n')}\n`);

    // A database as version 8 left it, with sessions whose keys the old function made.
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, 8);
    await writeAsOlderSchema(old, async () => {
      expect((await runImport(old, { file: csv, enrich: false })).stored).toBe(ROWS);
    });
    const importKeys = keysById(old);
    old.exec('UPDATE sessions SET key_hash = id * 7919');
    // A pair the old key told apart that the new one does not (as a collision would leave them).
    old.exec(`INSERT INTO sessions (import_id, key_hash, start_ts, end_ts, src_ip, dst_ip, src_port,
        dst_port, protocol, bytes_in, bytes_out, packets, response_code, country, asn, rule_name,
        detection_type, action, label, raw_line, attrs_id)
      SELECT import_id, 1, start_ts, end_ts, src_ip, dst_ip, src_port, dst_port, protocol, bytes_in,
        bytes_out, packets, response_code, country, asn, rule_name, detection_type, action, label,
        raw_line, attrs_id FROM sessions WHERE id = 1`);
    const twinId = Number((old.prepare('SELECT max(id) AS id FROM sessions').get() as { id: number }).id);
    old.close();

    const notices: string[] = [];
    announceMigrationsTo((notice) => notices.push(notice));
    const db = openDatabase(file);
    // A new database is not announced; the upgrade of this one is, once.
    openDatabase(path.join(dir, 'fresh.db')).close();
    announceMigrationsTo(null);
    expect(notices).toEqual([expect.stringContaining('re-keying stored sessions')]);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const migrated = keysById(db);
    for (const [id, key] of importKeys) expect(migrated.get(id)).toBe(key);
    expect(migrated.get(twinId)).toBe(-twinId);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'sessions_key'`).get()).toEqual({
      n: 1,
    });

    // Another file with the same sessions and one more: only the new one is stored.
    const again = path.join(dir, 'second.csv');
    fs.writeFileSync(again, `${CLOUDWATCH_HEADER}\n${[...rows, cloudwatchRow(ROWS)].join('\n')}\n`);
    const record = await runImport(db, { file: again, enrich: false });
    expect(record).toMatchObject({ stored: 1, duplicates: ROWS, quarantined: 0 });
    db.close();
  });
});
