import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION, SchemaTooNewError } from '../../../src-main/core/db/migrate.js';
import { migrations } from '../../../src-main/core/db/migrations/index.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { whereClause } from '../../../src-main/core/db/sessions.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

function plan(db: Database.Database, sql: string, params: Record<string, unknown> = {}): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}

describe('database migrations', () => {
  it('bring a fresh database to the current schema with WAL, foreign keys and 64 KiB pages', () => {
    const db = openDatabase(path.join(tempDir(), 'fresh.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('page_size', { simple: true })).toBe(65536);
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
    ).map((t) => t.name);
    for (const table of [
      'imports',
      'sessions',
      'quarantine',
      'rollup_time',
      'rollup_pairs',
      'rollup_sources',
      'attr_sets',
      'mapping_presets',
      'cloudwatch_pulls',
      'model_runs',
      'scores',
      'case_tags',
    ]) {
      expect(tables).toContain(table);
    }
    db.close();
  });

  it('are applied once: reopening changes nothing', () => {
    const file = path.join(tempDir(), 'again.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuse a database written by a newer version, with a message that says what to do', () => {
    const file = path.join(tempDir(), 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer Vigil.*Update Vigil/);
  });

  it('give the session queries an index each (EXPLAIN QUERY PLAN)', () => {
    const db = openDatabase(path.join(tempDir(), 'plan.db'));
    const page = (filter: Parameters<typeof whereClause>[0]) => {
      const { sql, params } = whereClause(filter);
      return plan(db, `SELECT id FROM sessions ${sql} ORDER BY start_ts LIMIT 100`, params);
    };
    expect(page({ srcIp: '1.2.3.4' })).toMatch(/INDEX sessions_src/);
    expect(page({ dstIp: '10.0.0.1' })).toMatch(/INDEX sessions_dst/);
    expect(page({ from: 0, to: 1000 })).toMatch(/INDEX sessions_key/);
    expect(plan(db, 'SELECT id FROM sessions WHERE start_ts = 1 AND key_hash = 2')).toMatch(
      /INDEX sessions_key \(start_ts=\? AND key_hash=\?\)/,
    );
    expect(
      plan(
        db,
        'SELECT sum(sessions) FROM rollup_time WHERE granularity = 60000 AND bucket >= 0 AND bucket < 10',
      ),
    ).toMatch(/USING PRIMARY KEY/);
    expect(plan(db, `SELECT id FROM quarantine WHERE import_id = 1 ORDER BY line`)).toMatch(
      /INDEX quarantine_import/,
    );
    db.close();
  });

  it("keep one active model run per kind, and read a run's flagged scores by index", () => {
    const db = openDatabase(path.join(tempDir(), 'models.db'));
    const insert = db.prepare(
      `INSERT INTO model_runs (kind, status, created_at, params, backend, data_snapshot, active)
       VALUES (?, 'done', 0, '{}', 'cpu', '[]', ?)`,
    );
    insert.run('iforest', 1);
    insert.run('rf', 1);
    expect(() => insert.run('iforest', 1)).toThrow(/UNIQUE/);
    expect(
      plan(db, 'SELECT session_id FROM scores WHERE run_id = 1 AND flagged = 1 ORDER BY score DESC LIMIT 50'),
    ).toMatch(/INDEX scores_run_flagged_score/);
    db.close();
  });

  it('keep every run, score and per-IP score when migration 012 rebuilds model_runs', () => {
    const db = new Database(path.join(tempDir(), 'runs.db'));
    migrate(db, 11);
    db.pragma('foreign_keys = ON');
    const insert = db.prepare(
      `INSERT INTO model_runs (id, kind, status, created_at, params, backend, data_snapshot, active, message)
       VALUES (?, ?, ?, 0, '{}', 'cpu', '[]', ?, ?)`,
    );
    insert.run(1, 'iforest', 'done', 1, null);
    insert.run(2, 'rf', 'failed', 0, 'Interrupted: the process training it stopped before the run finished.');
    insert.run(3, 'rf', 'failed', 0, 'Only one class');
    db.prepare(
      `INSERT INTO scores (run_id, session_id, score, flagged) VALUES (1, 10, 0.9, 1), (1, 11, 0.1, 0)`,
    ).run();
    db.prepare(`INSERT INTO ip_scores (run_id, ip, score) VALUES (1, '10.0.0.1', 0.9)`).run();
    // Up to 017: 018 computes the per-IP scores again from the sessions, and this run has none.
    migrate(db, 17);
    expect(db.prepare('SELECT id, status FROM model_runs ORDER BY id').all()).toEqual([
      { id: 1, status: 'done' },
      { id: 2, status: 'interrupted' },
      { id: 3, status: 'failed' },
    ]);
    // The DROP of the old table ran with foreign keys off: nothing cascaded away.
    expect(db.prepare('SELECT count(*) AS n FROM scores').get()).toEqual({ n: 2 });
    expect(db.prepare('SELECT count(*) AS n FROM ip_scores').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // Kinds are the code's to check now: a new kind needs no table rebuild.
    expect(() => insert.run(4, 'new_kind', 'done', 0, null)).not.toThrow();
    expect(() => insert.run(5, 'iforest', 'done', 1, null)).toThrow(/UNIQUE/);
    db.close();
  });

  it('keep each stored bytes ratio when migration 010 rewrites its expression', () => {
    const db = new Database(path.join(tempDir(), 'ratio.db'));
    migrate(db, 9);
    db.prepare(
      `INSERT INTO imports (id, file, file_name, format, size_bytes, quick_hash, status, started_at)
       VALUES (1, 'f', 'f', 'cloudwatch-csv', 0, 'x', 'done', 0)`,
    ).run();
    const insert = db.prepare(
      `INSERT INTO sessions (import_id, key_hash, start_ts, end_ts, src_ip, bytes_in, bytes_out, raw_line)
       VALUES (1, ?, 0, 0, '1.2.3.4', ?, ?, 1)`,
    );
    const bytes = [null, -5, 0, 1, 2, 4, 1e12, 2 ** 53];
    let key = 0;
    for (const bytesIn of bytes) for (const bytesOut of bytes) insert.run(key++, bytesIn, bytesOut);
    const ratios = () =>
      db.prepare('SELECT key_hash AS key, bytes_ratio AS ratio FROM sessions ORDER BY 1').all();
    const before = ratios();
    expect(before).toContainEqual({ key: 0, ratio: null });
    expect(before).toContainEqual({ key: bytes.indexOf(2) * bytes.length + bytes.indexOf(4), ratio: 2 });
    migrate(db);
    expect(ratios()).toEqual(before);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'sessions'").pluck().get()).not.toMatch(
      /max\(/,
    );
    db.close();
  });
});
