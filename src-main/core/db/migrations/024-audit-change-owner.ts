import type { Migration } from './index.js';

/**
 * A change could be written for an action not recorded yet: audit_log's REFERENCES clause holds
 * only on connections that turn foreign keys on, and the sqlite3 shell and most tools do not. The
 * next action Vigil recorded took that id and sealed the planted change into its link, so a forged
 * verdict verified. Now the trigger refuses a change whose action does not exist, on every
 * connection. (Vigil writes an action's row before its changes, in one transaction.)
 */
export const auditChangeOwner: Migration = {
  name: 'triage: an audit change must belong to a recorded action',
  sql: `
DROP TRIGGER audit_log_no_reuse;
-- One trigger with every check: each audit_log insert pays for one trigger program, not three.
CREATE TRIGGER audit_log_no_reuse BEFORE INSERT ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: an id cannot be used again')
  WHERE NEW.id <> -1 AND (NEW.id < 1 OR EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id));
  SELECT RAISE(ABORT, 'audit_log is append-only: this action is sealed in the audit chain')
  WHERE EXISTS (SELECT 1 FROM audit_chain WHERE action_id = NEW.action_id);
  SELECT RAISE(ABORT, 'audit_log is append-only: no such action (write the action first)')
  WHERE NOT EXISTS (SELECT 1 FROM audit_actions WHERE id = NEW.action_id);
END;
`,
};
