// Migration 005 on a fresh database: its tables, constraints, and an index for each triage query.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { triageConditions } from '../../../src-main/core/db/triage-filter.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

describe('migration 005 (triage)', () => {
  it('creates the triage tables with their checks, and plans each lookup on an index', () => {
    const db = openDatabase(path.join(tempDir(), 'triage.db'));
    try {
      const plan = (sql: string, params: Record<string, unknown> = {}) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
          .map((r) => r.detail)
          .join(' | ');
      expect(
        plan(`SELECT * FROM audit_log WHERE entity = 'session' AND entity_id = '1' ORDER BY id`),
      ).toMatch(/INDEX audit_log_entity/);
      expect(plan('SELECT * FROM audit_log WHERE action_id = 3')).toMatch(/INDEX audit_log_action/);
      expect(plan(`SELECT id FROM audit_actions WHERE analyst = 'a' ORDER BY id DESC LIMIT 1`)).toMatch(
        /INDEX audit_actions_analyst/,
      );
      expect(plan('SELECT 1 FROM audit_actions WHERE undoes = 4')).toMatch(/INDEX audit_actions_undoes/);
      expect(plan('SELECT verdict FROM verdicts WHERE session_id = 5')).toMatch(/INTEGER PRIMARY KEY/);
      expect(plan('SELECT session_id FROM session_tags WHERE tag_id = 1')).toMatch(/INDEX session_tags_tag/);
      expect(
        plan(`SELECT * FROM case_items WHERE case_id = 1 AND kind = 'session' AND session_id = 2`),
      ).toMatch(/INDEX case_items_session/);
      expect(plan(`SELECT * FROM case_items WHERE case_id = 1 AND kind = 'ip' AND ip = 'x'`)).toMatch(
        /INDEX case_items_ip/,
      );
      expect(plan('SELECT * FROM case_notes WHERE case_id = 1 ORDER BY at')).toMatch(/INDEX case_notes_case/);
      expect(plan(`SELECT list_id FROM ioc_marks WHERE ip = '1.2.3.4'`)).toMatch(/PRIMARY KEY \(ip=\?\)/);
      const ioc = triageConditions({ ioc: 'known_bad' });
      expect(plan(`SELECT id FROM sessions WHERE ${ioc.conditions.join(' AND ')}`, ioc.params)).toMatch(
        /SEARCH sessions USING INDEX sessions_src \(src_ip=\?\).*SEARCH sessions USING INDEX sessions_dst \(dst_ip=\?\)/,
      );

      db.prepare(
        `INSERT INTO cases (title, severity, status, created_by, created_at, updated_at) VALUES ('t', 'high', 'open', 'a', 0, 0)`,
      ).run();
      expect(() =>
        db
          .prepare(
            `INSERT INTO cases (title, severity, status, created_by, created_at, updated_at) VALUES ('t', 'urgent', 'open', 'a', 0, 0)`,
          )
          .run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db
          .prepare(
            `INSERT INTO case_items (case_id, kind, session_id, ip, added_by, added_at) VALUES (1, 'ip', 5, NULL, 'a', 0)`,
          )
          .run(),
      ).toThrow(/CHECK/);
      expect(() =>
        db.prepare(`INSERT INTO ioc_lists (name, kind, created_at) VALUES ('x', 'maybe', 0)`).run(),
      ).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
