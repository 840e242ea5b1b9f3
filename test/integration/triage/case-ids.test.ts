// A case id names one case forever: a report file name (case-3.html), a link to the case and the
// audit log's entity id all say "case 3", so a deleted case's id must never open another case.
import { describe, expect, it } from 'vitest';
import { entityHistory } from '../../../src-main/core/db/audit.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { createCase, deleteCase } from '../../../src-main/core/triage/case-actions.js';
import { workspace } from './harness.js';

const newCase = (db: ReturnType<typeof workspace>['db'], title: string) =>
  createCase(db, 'ana', { title, severity: 'high', summary: '', sessionIds: [], ips: [] });

describe('case ids', () => {
  it('never gives a deleted case id to a new case, even after the newest case is deleted', () => {
    const ws = workspace();
    newCase(ws.db, 'first');
    const last = newCase(ws.db, 'phishing kit');
    deleteCase(ws.db, 'ana', last);
    const next = newCase(ws.db, 'unrelated');
    expect(next).toBeGreaterThan(last);
    // The deleted case's history stays its own: no creation of another case under its id.
    expect([...new Set(entityHistory(ws.db, 'case', String(last)).map((e) => e.kind))]).toEqual([
      'case-create',
      'case-delete',
    ]);
  });

  it('keeps that across a reopen of the file', () => {
    const ws = workspace();
    const last = newCase(ws.db, 'a');
    deleteCase(ws.db, 'ana', last);
    ws.db.close();
    const db = openDatabase(ws.dbPath);
    try {
      expect(newCase(db, 'b')).toBeGreaterThan(last);
    } finally {
      db.close();
    }
  });
});
