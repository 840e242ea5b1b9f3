import type { Migration } from './index.js';

export const triage: Migration = {
  name: 'triage: settings, verdicts, tags, append-only audit log, cases, IOC lists',
  sql: `
-- Small per-database preferences (the analyst name that signs verdicts, notes and cases).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per analyst action (a verdict on 1 or 10 000 sessions is one action, undone as one).
-- undoes: the action this one reversed; an action is undone when another row points at it.
CREATE TABLE audit_actions (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  analyst TEXT NOT NULL,
  kind TEXT NOT NULL,
  summary TEXT NOT NULL,
  undoes INTEGER REFERENCES audit_actions (id)
);
CREATE INDEX audit_actions_analyst ON audit_actions (analyst, id);
CREATE INDEX audit_actions_undoes ON audit_actions (undoes) WHERE undoes IS NOT NULL;

-- What each action changed, per entity: JSON of the state before and after (NULL = absent).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES audit_actions (id),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_action ON audit_log (action_id);

-- The audit trail is append-only: the database itself refuses to change or remove a row,
-- whichever connection or tool tries.
CREATE TRIGGER audit_actions_no_update BEFORE UPDATE ON audit_actions
BEGIN SELECT RAISE(ABORT, 'audit_actions is append-only: rows cannot be changed'); END;
CREATE TRIGGER audit_actions_no_delete BEFORE DELETE ON audit_actions
BEGIN SELECT RAISE(ABORT, 'audit_actions is append-only: rows cannot be deleted'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;

-- The current verdict of each session (one row, a primary-key lookup); history is in audit_log.
-- No foreign key to sessions: ingest bulk-manages sessions, and a check per deleted row would
-- slow import rollback; joins simply ignore verdicts of sessions that are gone.
CREATE TABLE verdicts (
  session_id INTEGER PRIMARY KEY,
  verdict TEXT NOT NULL CHECK (verdict IN ('malicious', 'benign', 'review')),
  analyst TEXT NOT NULL,
  note TEXT,
  at INTEGER NOT NULL,
  action_id INTEGER NOT NULL REFERENCES audit_actions (id)
);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  colour TEXT NOT NULL
);
CREATE TABLE session_tags (
  session_id INTEGER NOT NULL,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, tag_id)
) WITHOUT ROWID;
-- "Sessions with tag T" (filters) reads by tag.
CREATE INDEX session_tags_tag ON session_tags (tag_id, session_id);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
  summary TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX cases_status ON cases (status, updated_at);

-- A case item is a session or an IP (all sessions from or to it belong to the case).
CREATE TABLE case_items (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('session', 'ip')),
  session_id INTEGER,
  ip TEXT,
  added_by TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  CHECK ((kind = 'session' AND session_id IS NOT NULL AND ip IS NULL)
      OR (kind = 'ip' AND ip IS NOT NULL AND session_id IS NULL))
);
CREATE UNIQUE INDEX case_items_session ON case_items (case_id, session_id) WHERE kind = 'session';
CREATE UNIQUE INDEX case_items_ip ON case_items (case_id, ip) WHERE kind = 'ip';

CREATE TABLE case_notes (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  analyst TEXT NOT NULL,
  body TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, at);

CREATE TABLE ioc_lists (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  kind TEXT NOT NULL CHECK (kind IN ('known_bad', 'known_good')),
  source TEXT,
  created_at INTEGER NOT NULL
);
-- One address range per line of the list. IPv4: integers. IPv6: 32 hex digits (fixed width, so
-- text order is numeric order).
CREATE TABLE ioc_entries (
  list_id INTEGER NOT NULL REFERENCES ioc_lists (id) ON DELETE CASCADE,
  family INTEGER NOT NULL CHECK (family IN (4, 6)),
  lo NOT NULL,
  hi NOT NULL,
  text TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE INDEX ioc_entries_list ON ioc_entries (list_id);

-- Which stored IPs fall in which list. Kept per distinct IP, not per session: there are far
-- fewer IPs than sessions, and sessions join it through their src/dst indexes. Removing a list
-- cascades its marks away.
CREATE TABLE ioc_marks (
  ip TEXT NOT NULL,
  list_id INTEGER NOT NULL REFERENCES ioc_lists (id) ON DELETE CASCADE,
  PRIMARY KEY (ip, list_id)
) WITHOUT ROWID;
CREATE INDEX ioc_marks_list ON ioc_marks (list_id);
`,
};
