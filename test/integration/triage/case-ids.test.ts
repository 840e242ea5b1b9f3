// A case id names one case forever: a report file name (case-3.html), a link to the case and the
// audit log's entity id all say "case 3", so a deleted case's id must never open another case.
// The same holds for an IOC list id (`vigil ioc remove 3`, the audit history of list 3).
import { describe, expect, it } from 'vitest';
import { entityHistory } from '../../../src-main/core/db/audit.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { createCase, deleteCase } from '../../../src-main/core/triage/case-actions.js';
import { importIocList, removeIocList } from '../../../src-main/core/triage/ioc-lists.js';
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

describe('IOC list ids', () => {
  it('never gives a removed list id to a new list', () => {
    const ws = workspace();
    const bad = importIocList(ws.db, 'ana', { name: 'bad', kind: 'known_bad', text: '203.0.113.9\n' });
    removeIocList(ws.db, 'ana', bad.list.id);
    const partners = importIocList(ws.db, 'ana', {
      name: 'partners',
      kind: 'known_good',
      text: '192.0.2.50\n',
    });
    expect(partners.list.id).toBeGreaterThan(bad.list.id);
    // A script's `vigil ioc remove <old id>` must not remove the partners list.
    expect(() => removeIocList(ws.db, 'ana', bad.list.id)).toThrow();
    expect([...new Set(entityHistory(ws.db, 'ioc_list', String(bad.list.id)).map((e) => e.kind))]).toEqual([
      'ioc-add',
      'ioc-remove',
    ]);
  });
});
