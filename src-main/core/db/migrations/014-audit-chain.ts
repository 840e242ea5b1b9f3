import { GENESIS_HASH, sealUnlinkedActions } from '../audit-chain.js';
import type { Migration } from './index.js';

/**
 * The audit log could still be rewritten: `INSERT OR REPLACE` (or `REPLACE`) deletes the row it
 * replaces without firing the delete triggers of migration 005, and a plain INSERT could add
 * changes to an old action. Now an insert that reuses an id is refused (a BEFORE INSERT trigger
 * sees the old row before REPLACE removes it), a sealed action takes no more changes, and every
 * action is linked into a hash chain (../audit-chain.ts) that a rewrite by any tool breaks.
 * Existing actions are linked here, in id order.
 */
export const auditChain: Migration = {
  name: 'triage: audit ids are never reused; actions are hash-chained',
  notice:
    'Linking the existing audit log into a hash chain (about 1.5 s per million recorded changes; once).',
  // Under a quarter of a second is not worth a message. No change is ever deleted, so the highest
  // id is the number of changes, read without a scan.
  noticeWhen: (db) =>
    ((db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0) > 150_000,
  sql: `
-- One link per action, in action id order: hash = SHA-256 over prev_hash, the action's row and
-- its audit_log rows. Written as the last step of the action's transaction.
CREATE TABLE audit_chain (
  action_id INTEGER PRIMARY KEY REFERENCES audit_actions (id),
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

-- In a BEFORE INSERT trigger, NEW.id of a row whose id SQLite picks is -1: that one is let
-- through, and an explicit id is refused unless it is new and positive.
CREATE TRIGGER audit_actions_no_reuse BEFORE INSERT ON audit_actions
WHEN NEW.id <> -1 AND (NEW.id < 1 OR EXISTS (SELECT 1 FROM audit_actions WHERE id = NEW.id))
BEGIN SELECT RAISE(ABORT, 'audit_actions is append-only: an id cannot be used again'); END;

-- One trigger with both checks: each audit_log insert pays for one trigger program, not two.
CREATE TRIGGER audit_log_no_reuse BEFORE INSERT ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: an id cannot be used again')
  WHERE NEW.id <> -1 AND (NEW.id < 1 OR EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id));
  SELECT RAISE(ABORT, 'audit_log is append-only: this action is sealed in the audit chain')
  WHERE EXISTS (SELECT 1 FROM audit_chain WHERE action_id = NEW.action_id);
END;

CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only: links cannot be changed'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only: links cannot be deleted'); END;
-- A link can only extend the chain: after the last link, naming its hash. That refuses a reused
-- id (REPLACE included) and a second chain grown beside the first.
CREATE TRIGGER audit_chain_extends_head BEFORE INSERT ON audit_chain
WHEN NEW.action_id <= coalesce((SELECT max(action_id) FROM audit_chain), 0)
  OR NEW.prev_hash IS NOT coalesce(
    (SELECT hash FROM audit_chain ORDER BY action_id DESC LIMIT 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, 'audit_chain is append-only: a link must follow the last one'); END;
`,
  run: (db) => {
    sealUnlinkedActions(db);
  },
};
