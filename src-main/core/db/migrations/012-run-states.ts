import type { Migration } from './index.js';

/**
 * Model runs without CHECK constraints on kind and status: the code validates both (the contract's
 * enums), and a new kind or state then needs no table rebuild. This rebuild adds one state:
 * 'interrupted', a run whose process stopped before it finished (crash, kill, power loss), shown as
 * such instead of as a failure of the model.
 */
export const runStates: Migration = {
  name: 'model runs: kind and status checked by the code, runs cut off shown as interrupted',
  rebuildsTables: true,
  sql: `
CREATE TABLE model_runs_new (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  params TEXT NOT NULL,
  feature_schema TEXT,
  label_source TEXT,
  split TEXT,
  metrics TEXT,
  backend TEXT NOT NULL,
  duration_ms INTEGER,
  data_snapshot TEXT NOT NULL,
  threshold REAL,
  weights BLOB,
  message TEXT,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  owner_pid INTEGER
);
INSERT INTO model_runs_new (id, kind, status, created_at, finished_at, params, feature_schema, label_source,
  split, metrics, backend, duration_ms, data_snapshot, threshold, weights, message, active, owner_pid)
SELECT id, kind, status, created_at, finished_at, params, feature_schema, label_source,
  split, metrics, backend, duration_ms, data_snapshot, threshold, weights, message, active, owner_pid
FROM model_runs;
DROP TABLE model_runs;
ALTER TABLE model_runs_new RENAME TO model_runs;
CREATE UNIQUE INDEX model_runs_active_kind ON model_runs (kind) WHERE active = 1;
-- Runs an earlier version marked failed for the same reason.
UPDATE model_runs SET status = 'interrupted' WHERE status = 'failed' AND message LIKE 'Interrupted:%';
`,
};
