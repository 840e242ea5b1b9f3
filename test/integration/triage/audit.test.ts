// The audit log is append-only: SQL from any connection cannot change or delete a row, and no API
// operation offers to; undo appends instead of rewriting.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/service.js';
import { operationNames } from '../../../src-shared/api.js';
import { importGenerated, workspace } from './harness.js';

const count = (db: Database.Database, table: string) =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('audit log', () => {
  it('refuses UPDATE and DELETE from any connection, even a plain SQLite one', async () => {
    const ws = workspace();
    const core = createCore({ dbPath: ws.dbPath });
    try {
      const ids = await importGenerated(ws, 3);
      await core.service.setVerdict({ target: { sessionIds: ids }, verdict: 'malicious', note: 'x' });
      const raw = new Database(ws.dbPath);
      try {
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
      } finally {
        raw.close();
      }
    } finally {
      await core.close();
    }
  });

  it('only grows through the API: every operation, undo included, appends', async () => {
    const ws = workspace();
    const core = createCore({ dbPath: ws.dbPath });
    try {
      const ids = await importGenerated(ws, 4);
      const { service } = core;
      expect(operationNames.filter((name) => /audit|history/i.test(name))).toEqual(['sessionHistory']);
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
      const history = await service.sessionHistory({ sessionId: ids[0]! });
      expect(history.map((h) => h.kind)).toEqual(['verdict', 'tag', 'undo', 'undo']);
    } finally {
      await core.close();
    }
  });
});
