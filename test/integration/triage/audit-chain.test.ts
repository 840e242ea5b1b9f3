// The audit chain: every action Vigil records is linked by a SHA-256 over the previous link, the
// action and its changes. Verification recomputes it from what is stored and names the first
// action whose link does not hold, whatever a tool with write access did to get there.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  sealUnlinkedActions,
  verifyAuditChain,
} from '../../../src-main/core/db/audit-chain.js';
import { announceMigrationsTo, migrate } from '../../../src-main/core/db/migrate.js';

/** The schema version before migration 014 added the chain. */
const BEFORE_AUDIT_CHAIN = 13;

import { openDatabase } from '../../../src-main/core/db/open.js';
import {
  addCaseNote,
  createCase,
  deleteCase,
  editCaseItems,
  tagCase,
  updateCase,
} from '../../../src-main/core/triage/case-actions.js';
import { importIocList, removeIocList } from '../../../src-main/core/triage/ioc-lists.js';
import { tagSessions } from '../../../src-main/core/triage/tag-actions.js';
import { undoLastAction } from '../../../src-main/core/triage/undo.js';
import { setVerdict } from '../../../src-main/core/triage/verdict-actions.js';
import { createTempDirs } from '../../helpers/temp.js';
import { importGenerated, type Workspace, workspace } from './harness.js';

const tempDir = createTempDirs();
const AUDIT_TRIGGERS = [
  'audit_actions_no_update',
  'audit_actions_no_delete',
  'audit_actions_no_reuse',
  'audit_log_no_update',
  'audit_log_no_delete',
  'audit_log_no_reuse',
  'audit_chain_no_update',
  'audit_chain_no_delete',
  'audit_chain_extends_head',
];

/** A plain SQLite connection that has dropped every audit trigger: what any tool can do. */
function tamperer(ws: Workspace): Database.Database {
  const raw = new Database(ws.dbPath);
  for (const name of AUDIT_TRIGGERS) raw.exec(`DROP TRIGGER IF EXISTS ${name}`);
  return raw;
}

/**
 * The documented link hash, computed here independently of the implementation: SHA-256 over the
 * previous hash, the action row and each change row as JSON arrays, one per line.
 */
function expectedLinkHash(db: Database.Database, previous: string, actionId: number): string {
  const action = db
    .prepare('SELECT id, at, analyst, kind, summary, undoes FROM audit_actions WHERE id = ?')
    .raw()
    .get(actionId) as unknown[];
  const changes = db
    .prepare(
      'SELECT id, entity, entity_id, field, before, after FROM audit_log WHERE action_id = ? ORDER BY id',
    )
    .raw()
    .all(actionId) as unknown[][];
  const lines = [previous, JSON.stringify(action), ...changes.map((c) => JSON.stringify(c))];
  return createHash('sha256')
    .update(`${lines.join('\n')}\n`)
    .digest('hex');
}

const actionCount = (db: Database.Database) =>
  db.prepare('SELECT count(*) FROM audit_actions').pluck().get() as number;

/** Every kind of audited write, through the core, on a few sessions: 12 actions. */
const ACTIONS = 12;

async function recordEverything(ws: Workspace): Promise<number[]> {
  const ids = await importGenerated(ws, 6);
  setVerdict(ws.db, 'ana', { target: { sessionIds: ids.slice(0, 3) }, verdict: 'malicious', note: 'c2' });
  tagSessions(ws.db, 'ana', { tag: 'evidence', sessionIds: [ids[0]!], on: true });
  undoLastAction(ws.db, 'ana');
  undoLastAction(ws.db, 'ana');
  undoLastAction(ws.db, 'ana');
  const caseId = createCase(ws.db, 'bob', {
    title: 'Night Owl',
    severity: 'high',
    summary: '',
    sessionIds: [ids[1]!],
    ips: [],
  });
  updateCase(ws.db, 'bob', { id: caseId, status: 'in_progress' });
  editCaseItems(ws.db, 'bob', { caseId, add: true, sessionIds: [ids[2]!], ips: ['203.0.113.9'] });
  tagCase(ws.db, 'bob', { caseId, tags: ['apt'], on: true });
  addCaseNote(ws.db, 'bob', caseId, 'beaconing every 60 s');
  importIocList(ws.db, 'bob', { name: 'bad', kind: 'known_bad', text: '203.0.113.0/24\n' });
  removeIocList(ws.db, 'bob', 'bad');
  deleteCase(ws.db, 'bob', caseId);
  return ids;
}

describe('audit chain', () => {
  it('links every action Vigil records, with the documented hash', async () => {
    const ws = workspace();
    await recordEverything(ws);
    const actions = actionCount(ws.db);
    expect(actions).toBe(ACTIONS);
    const result = verifyAuditChain(ws.db);
    expect(result).toMatchObject({ ok: true, verified: actions, firstBreak: null });
    let previous = GENESIS_HASH;
    const links = ws.db
      .prepare(
        'SELECT action_id AS actionId, prev_hash AS prevHash, hash FROM audit_chain ORDER BY action_id',
      )
      .all() as { actionId: number; prevHash: string; hash: string }[];
    expect(links.map((l) => l.actionId)).toEqual(Array.from({ length: actions }, (_, i) => i + 1));
    for (const link of links) {
      expect(link.prevHash).toBe(previous);
      expect(link.hash).toBe(expectedLinkHash(ws.db, previous, link.actionId));
      previous = link.hash;
    }
    expect(result.head).toEqual({ actionId: actions, hash: previous });
  });

  it('hashes a bulk action of 10 000 changes whole, across insert chunks and read pages', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 10_000);
    const { actionId } = setVerdict(ws.db, 'ana', { target: { sessionIds: ids }, verdict: 'benign' });
    expect(ws.db.prepare('SELECT count(*) FROM audit_log WHERE action_id = ?').pluck().get(actionId)).toBe(
      10_000,
    );
    expect(verifyAuditChain(ws.db)).toMatchObject({ ok: true, head: { actionId } });
    const link = ws.db.prepare('SELECT hash FROM audit_chain WHERE action_id = ?').pluck().get(actionId);
    expect(link).toBe(expectedLinkHash(ws.db, GENESIS_HASH, actionId));
  });

  it('refuses, from any connection, a change added to an action already sealed', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 2);
    const { actionId } = setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[0]!] }, verdict: 'benign' });
    const raw = new Database(ws.dbPath);
    try {
      expect(() =>
        raw
          .prepare(
            `INSERT INTO audit_log (action_id, entity, entity_id, field, before, after)
             VALUES (?, 'session', ?, 'verdict', NULL, '{"verdict":"malicious"}')`,
          )
          .run(actionId, String(ids[1])),
      ).toThrow(/sealed in the audit chain/);
      expect(() =>
        raw
          .prepare(`INSERT INTO audit_chain (action_id, prev_hash, hash) VALUES (?, ?, 'x')`)
          .run(actionId + 5, GENESIS_HASH),
      ).toThrow(/must follow the last one/);
    } finally {
      raw.close();
    }
    expect(verifyAuditChain(ws.db).ok).toBe(true);
  });

  it('refuses a change for an action not yet recorded, so the next action cannot seal it', async () => {
    const ws = workspace();
    const ids = await importGenerated(ws, 2);
    const { actionId } = setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[0]!] }, verdict: 'benign' });
    // The sqlite3 shell and most tools leave foreign keys off: the REFERENCES clause guards nothing.
    const raw = new Database(ws.dbPath);
    raw.pragma('foreign_keys = OFF');
    const plant = raw.prepare(
      `INSERT INTO audit_log (action_id, entity, entity_id, field, before, after)
       VALUES (?, 'session', ?, 'verdict', NULL, '{"verdict":"malicious"}')`,
    );
    try {
      // Before, this was stored, and the next action Vigil recorded took that id and sealed the
      // planted change into its link: a forged verdict that verified.
      expect(() => plant.run(actionId + 1, String(ids[1]))).toThrow(/no such action/);
    } finally {
      raw.close();
    }
    // A change planted behind the triggers (or before this version) is never taken into a link:
    // the next action gets an id past it, and verification keeps naming it.
    const bypass = tamperer(ws);
    bypass.pragma('foreign_keys = OFF');
    bypass
      .prepare(
        `INSERT INTO audit_log (action_id, entity, entity_id, field, before, after)
         VALUES (?, 'session', ?, 'verdict', NULL, '{"verdict":"malicious"}')`,
      )
      .run(actionId + 1, String(ids[1]));
    bypass.close();
    const next = setVerdict(ws.db, 'ana', { target: { sessionIds: [ids[0]!] }, verdict: 'review' });
    expect(next.actionId).toBe(actionId + 2);
    expect(verifyAuditChain(ws.db)).toMatchObject({
      ok: false,
      firstBreak: { actionId: actionId + 1, reason: expect.stringMatching(/not in the log/) },
    });
  });

  it('names the first action whose content was changed behind the triggers', async () => {
    const ws = workspace();
    await recordEverything(ws);
    const raw = tamperer(ws);
    // Action 1 is the verdict on three sessions: make one of them benign after the fact.
    raw
      .prepare(`UPDATE audit_log SET after = replace(after, 'malicious', 'benign') WHERE id = (
        SELECT max(id) FROM audit_log WHERE action_id = 1)`)
      .run();
    raw.close();
    const result = verifyAuditChain(ws.db);
    expect(result).toMatchObject({ ok: false, verified: 0, head: null });
    expect(result.firstBreak).toMatchObject({
      actionId: 1,
      reason: expect.stringMatching(/no longer match/),
    });
  });

  it('names the action after one that was removed, and an action added without a link', async () => {
    const ws = workspace();
    await recordEverything(ws);
    const raw = tamperer(ws);
    raw.pragma('foreign_keys = OFF');
    for (const table of ['audit_log', 'audit_chain'])
      raw.prepare(`DELETE FROM ${table} WHERE action_id = 6`).run();
    raw.prepare('DELETE FROM audit_actions WHERE id = 6').run();
    raw.close();
    expect(verifyAuditChain(ws.db)).toMatchObject({
      ok: false,
      verified: 5,
      head: { actionId: 5 },
      firstBreak: { actionId: 7, reason: expect.stringMatching(/does not follow the one before it/) },
    });

    const other = workspace();
    await recordEverything(other);
    // No trigger needs dropping to append an action; it just never gets a link.
    const plain = new Database(other.dbPath);
    plain
      .prepare(`INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (0, 'mallory', 'verdict', 'x')`)
      .run();
    plain.close();
    expect(verifyAuditChain(other.db).firstBreak).toMatchObject({
      actionId: ACTIONS + 1,
      reason: expect.stringMatching(/no link in the chain/),
    });
  });

  it('names changes and links left behind by an action that was deleted', async () => {
    const ws = workspace();
    await recordEverything(ws);
    const raw = tamperer(ws);
    raw.pragma('foreign_keys = OFF');
    raw.prepare('DELETE FROM audit_actions WHERE id = ?').run(ACTIONS);
    raw.close();
    expect(verifyAuditChain(ws.db)).toMatchObject({
      ok: false,
      verified: ACTIONS - 1,
      firstBreak: {
        actionId: ACTIONS,
        reason: `the chain links action ${ACTIONS}, which is no longer in the log`,
      },
    });
  });

  it('sees a cut-off tail or a rebuilt chain only against a head kept from before', async () => {
    const ws = workspace();
    await recordEverything(ws);
    const kept = verifyAuditChain(ws.db).head!;
    expect(verifyAuditChain(ws.db, { expectHash: kept.hash })).toMatchObject({
      ok: true,
      expected: { hash: kept.hash, actionId: kept.actionId },
    });

    // The newest action removed with its link and changes: what remains is a valid chain.
    const raw = tamperer(ws);
    raw.pragma('foreign_keys = OFF');
    for (const table of ['audit_log', 'audit_chain'])
      raw.prepare(`DELETE FROM ${table} WHERE action_id = ?`).run(kept.actionId);
    raw.prepare('DELETE FROM audit_actions WHERE id = ?').run(kept.actionId);
    expect(verifyAuditChain(ws.db).ok).toBe(true);
    expect(verifyAuditChain(ws.db, { expectHash: kept.hash })).toMatchObject({
      ok: false,
      firstBreak: null,
      expected: { hash: kept.hash, actionId: null },
    });

    // An early action rewritten and the whole chain recomputed with the published algorithm.
    raw.prepare(`UPDATE audit_actions SET analyst = 'mallory' WHERE id = 1`).run();
    raw.prepare('DELETE FROM audit_chain').run();
    sealUnlinkedActions(raw);
    raw.close();
    expect(verifyAuditChain(ws.db).ok).toBe(true);
    const middle = ws.db.prepare('SELECT hash FROM audit_chain WHERE action_id = 1').pluck().get() as string;
    expect(middle).not.toBe(kept.hash);
    expect(verifyAuditChain(ws.db, { expectHash: kept.hash }).ok).toBe(false);
  });

  it('is added to an existing database by the migration, over the actions already there', async () => {
    const file = `${tempDir()}/v13.db`;
    const old = new Database(file);
    migrate(old, BEFORE_AUDIT_CHAIN);
    old.exec(`
      INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (1, 'ana', 'verdict', 'malicious on 2 sessions');
      INSERT INTO audit_log (action_id, entity, entity_id, field, before, after) VALUES
        (1, 'session', '1', 'verdict', NULL, '{"verdict":"malicious"}'),
        (1, 'session', '2', 'verdict', NULL, '{"verdict":"malicious"}');
      INSERT INTO audit_actions (at, analyst, kind, summary, undoes) VALUES (2, 'ana', 'undo', 'undo', 1);
      INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (3, 'bob', 'case-note', 'note');
      INSERT INTO audit_log (action_id, entity, entity_id, field, before, after) VALUES
        (3, 'case', '1', 'note', NULL, '{"body":"x"}');`);
    old.close();
    const notices: string[] = [];
    announceMigrationsTo((notice) => notices.push(notice));
    const db = openDatabase(file);
    announceMigrationsTo(null);
    try {
      // Three actions take no time to link: no message about it.
      expect(notices.filter((n) => /hash chain/.test(n))).toEqual([]);
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, verified: 3, head: { actionId: 3 } });
      let previous = GENESIS_HASH;
      for (const id of [1, 2, 3]) {
        previous = expectedLinkHash(db, previous, id);
        expect(db.prepare('SELECT hash FROM audit_chain WHERE action_id = ?').pluck().get(id)).toBe(previous);
      }
    } finally {
      db.close();
    }
  });
  it('says so before it links a large existing log, and links it whole', () => {
    const file = `${tempDir()}/large.db`;
    const old = new Database(file);
    migrate(old, BEFORE_AUDIT_CHAIN);
    old.exec(`
      INSERT INTO audit_actions (at, analyst, kind, summary) VALUES (1, 'ana', 'verdict', 'benign on 200000 sessions');
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
      INSERT INTO audit_log (action_id, entity, entity_id, field, before, after)
      SELECT 1, 'session', i, 'verdict', NULL, '{"verdict":"benign"}' FROM n;`);
    old.close();
    const notices: string[] = [];
    announceMigrationsTo((notice) => notices.push(notice));
    const db = openDatabase(file);
    announceMigrationsTo(null);
    try {
      expect(notices.filter((n) => /hash chain/.test(n))).toEqual([
        'Linking the existing audit log into a hash chain (about 1.5 s per million recorded changes; once).',
      ]);
      expect(verifyAuditChain(db)).toMatchObject({ ok: true, verified: 1 });
      expect(db.prepare('SELECT hash FROM audit_chain WHERE action_id = 1').pluck().get()).toBe(
        expectedLinkHash(db, GENESIS_HASH, 1),
      );
    } finally {
      db.close();
    }
  });
});
