// Migration 019 (threat types): a database from before it keeps its runs, scores and verdicts as
// malicious-or-not ones naming no kind, and the per-run kind lookups the Overview, the `kind:` term
// and Triage make are served by the index it adds, not by a scan of a run's scores.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/core/db/migrate.js';
import { migrations } from '../../../src-main/core/db/migrations/index.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();
const VERSION = migrations.findIndex((m) => m.name.startsWith('threat types')) + 1;

describe('migration 019 (threat types)', () => {
  it('keeps older runs as malicious-or-not, names no kind, and serves kind lookups from its index', () => {
    expect(VERSION).toBe(19);
    const db = new Database(`${tempDir()}/v.db`);
    try {
      migrate(db, VERSION - 1);
      db.prepare(
        `INSERT INTO model_runs (kind, status, created_at, params, backend, data_snapshot)
         VALUES ('rf', 'done', 0, '{}', 'cpu', '[]')`,
      ).run();
      migrate(db, VERSION);
      expect(db.prepare('SELECT target FROM model_runs').pluck().get()).toBe('malicious');
      const columns = (table: string) =>
        (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(' ');
      expect(columns('scores')).toMatch(/predicted_kind.*kind_probability/);
      expect(columns('verdicts')).toMatch(/\bkind\b/);
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
          .map((r) => r.detail)
          .join('\n');
      expect(
        plan(
          `SELECT predicted_kind, count(*) FROM scores WHERE run_id = 1 AND predicted_kind IS NOT NULL
           GROUP BY predicted_kind`,
        ),
      ).toMatch(/USING (COVERING )?INDEX scores_run_kind/);
      expect(
        plan(`SELECT session_id FROM scores WHERE run_id = 1 AND predicted_kind IN ('brute_force')`),
      ).toMatch(/USING (COVERING )?INDEX scores_run_kind/);
    } finally {
      db.close();
    }
  });
});
