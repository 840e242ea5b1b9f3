import type { Migration } from './index.js';

/**
 * Detection-rule hits (issue 17 §3). `rule_sets` records which rule sources are active — the pack
 * Vigil ships, each folder the analyst added, and the engines of logs that bring their own
 * detections (Suricata) — with a hash of their content, so a changed set is seen and can be run
 * again (`applied_hash` is the content the stored hits came from). A set keeps its loaded rules as
 * JSON: a run does not depend on the folder still being there or unchanged.
 *
 * `rule_hits` is one row per (session, rule), with the rule's level and the session's start time
 * copied in: the Overview's "hits by level over time" and the `level:` term then read only this
 * table, which is a few percent of the sessions' size, instead of joining every session. Hits are
 * removed with their session (db/import-rollback.ts) and with their rule (a set removed or
 * reloaded: ON DELETE CASCADE, served by `rule_hits_by_rule`).
 */
export const ruleHits: Migration = {
  name: 'detection rules: rule sets, their rules and the hits on sessions',
  sql: `
CREATE TABLE rule_sets (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('pack', 'folder', 'engine')),
  enabled INTEGER NOT NULL DEFAULT 1,
  content_hash TEXT,
  applied_hash TEXT,
  rules_json TEXT,
  refused_json TEXT NOT NULL DEFAULT '[]',
  files INTEGER NOT NULL DEFAULT 0,
  added_at INTEGER NOT NULL
);
CREATE TABLE rules (
  id INTEGER PRIMARY KEY,
  set_id INTEGER NOT NULL REFERENCES rule_sets(id) ON DELETE CASCADE,
  rule_id TEXT NOT NULL,
  title TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
  file TEXT,
  line INTEGER,
  UNIQUE (set_id, rule_id)
);
CREATE TABLE rule_hits (
  session_id INTEGER NOT NULL,
  rule INTEGER NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
  level INTEGER NOT NULL,
  start_ts INTEGER NOT NULL,
  field TEXT,
  value TEXT,
  PRIMARY KEY (session_id, rule)
) WITHOUT ROWID;
CREATE INDEX rule_hits_by_rule ON rule_hits(rule, session_id);
CREATE INDEX rule_hits_by_level ON rule_hits(level, session_id);
CREATE INDEX rule_hits_by_time ON rule_hits(start_ts, level);
`,
};
