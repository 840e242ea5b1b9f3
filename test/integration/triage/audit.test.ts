// The audit log is append-only: SQL from any connection cannot change or delete a row, and no API
// operation offers to; undo appends instead of rewriting.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { operationNames } from '../../../src-shared/api.js';
import { importGenerated, workspace } from './harness.js';

const count = (db: Database.Database, table: string) =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** A verdict on three sessions through the API, then `use` with a plain SQLite connection. */
async function afterAVerdict(use: (raw: Database.Database, ids: number[]) => void): Promise<void> {
  const ws = workspace();
  const core = createCore({ dbPath: ws.dbPath });
  try {
    const ids = await importGenerated(ws, 3);
    await core.service.setVerdict({ target: { sessionIds: ids }, verdict: 'malicious', note: 'x' });
    const raw = new Database(ws.dbPath);
    try {
      use(raw, ids);
    } finally {
      raw.close();
    }
  } finally {
    await core.close();
  }
}

describe('audit log', () => {
  it('refuses UPDATE and DELETE from any connection, even a plain SQLite one', () =>
    afterAVerdict((raw) => {
      for (const table of ['audit_log', 'audit_actions']) {
        const before = count(raw, table);
        expect(before).toBeGreaterThan(0);
        expect(() => raw.prepare(`UPDATE ${table} SET id = id`).run()).toThrow(/append-only/);
        expect(() => raw.prepare(`DELETE FROM ${table}`).run()).toThrow(/append-only/);
        expect(() =>
          raw.prepare(`DELETE FROM ${table} WHERE id = (SELECT max(id) FROM ${table})`).run(),
        ).toThrow(/append-only/);
        expect(count(raw, table)).toBe(before);
      }
      expect(() => raw.prepare(`UPDATE audit_log SET after = '{"verdict":"benign"}'`).run()).toThrow(
        /append-only/,
      );
    }));

  it('refuses REPLACE and INSERT OR REPLACE of an existing id (no delete trigger fires for them)', () =>
    afterAVerdict((raw, ids) => {
      const snapshot = () =>
        ['audit_actions', 'audit_log'].map((table) =>
          raw.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
        );
      const before = snapshot();
      for (const verb of ['REPLACE', 'INSERT OR REPLACE']) {
        expect(() =>
          raw
            .prepare(
              `${verb} INTO audit_actions (id, at, analyst, kind, summary) VALUES (1, 0, 'mallory', 'verdict', 'benign on 3 sessions')`,
            )
            .run(),
        ).toThrow(/append-only: an id cannot be used again/);
        expect(() =>
          raw
            .prepare(
              `${verb} INTO audit_log (id, action_id, entity, entity_id, field, before, after)
                 VALUES (1, 1, 'session', ?, 'verdict', NULL, '{"verdict":"benign"}')`,
            )
            .run(String(ids[0])),
        ).toThrow(/append-only: an id cannot be used again/);
      }
      expect(() =>
        raw
          .prepare(
            `INSERT INTO audit_log (id, action_id, entity, entity_id, field) VALUES (0, 1, 's', '1', 'f')`,
          )
          .run(),
      ).toThrow(/append-only: an id cannot be used again/);
      expect(snapshot()).toEqual(before);
      const link = raw.prepare('SELECT * FROM audit_chain').all();
      for (const verb of ['REPLACE', 'INSERT OR REPLACE'])
        expect(() =>
          raw.prepare(`${verb} INTO audit_chain (action_id, prev_hash, hash) VALUES (1, 'x', 'y')`).run(),
        ).toThrow(/append-only: a link must follow the last one/);
      expect(raw.prepare('SELECT * FROM audit_chain').all()).toEqual(link);
    }));

  it('only grows through the API: every operation, undo included, appends', async () => {
    const ws = workspace();
    const core = createCore({ dbPath: ws.dbPath });
    try {
      const ids = await importGenerated(ws, 4);
      const { service } = core;
      // The only operations on the audit log read it.
      expect(operationNames.filter((name) => /audit|history/i.test(name))).toEqual([
        'verifyAuditChain',
        'sessionHistory',
        'caseHistory',
      ]);
      const sizes: number[] = [count(core.db, 'audit_log')];
      const step = async (call: () => Promise<unknown>) => {
        await call();
        sizes.push(count(core.db, 'audit_log'));
      };
      await step(() => service.setVerdict({ target: { sessionIds: [ids[0]!] }, verdict: 'malicious' }));
      await step(() => service.tagSessions({ tag: 'evidence', sessionIds: [ids[0]!], on: true }));
      await step(() => service.undoLastAction({}));
      await step(() => service.undoLastAction({}));
      await step(() =>
        service.createCase({ title: 'c', severity: 'high', summary: '', sessionIds: [ids[1]!], ips: [] }),
      );
      await step(() => service.addCaseNote({ caseId: 1, body: 'n' }));
      await step(() => service.deleteCase({ id: 1 }));
      for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1]!);
      expect((await service.verifyAuditChain({})).ok).toBe(true);
      expect(count(core.db, 'audit_log')).toBe(sizes.at(-1));
      const history = await service.sessionHistory({ sessionId: ids[0]! });
      expect(history.map((h) => h.kind)).toEqual(['verdict', 'tag', 'undo', 'undo']);
      // Reading a case's history (a deleted one's too) appends nothing.
      const kinds = (await service.caseHistory({ id: 1 })).map((h) => h.kind);
      expect(kinds).toEqual(['case-create', 'case-create', 'case-note', 'case-delete']);
      expect(count(core.db, 'audit_log')).toBe(sizes.at(-1));
    } finally {
      await core.close();
    }
  });
});
