import type { Migration } from './index.js';

export const models: Migration = {
  name: 'model registry and scores',
  sql: `
-- One row per training run, kept whatever its outcome so the analyst can compare runs.
-- JSON columns hold what only the model code reads (params, feature schema with the fitted scaler
-- and encoders, metrics); weights are the serialized trees or tfjs artefacts.
CREATE TABLE model_runs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('iforest', 'rf', 'dense', 'conv1d')),
  status TEXT NOT NULL CHECK (status IN ('training', 'done', 'failed', 'cancelled')),
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  params TEXT NOT NULL,
  feature_schema TEXT,
  -- NULL for unsupervised training (Isolation Forest without labels).
  label_source TEXT,
  split TEXT,
  metrics TEXT,
  backend TEXT NOT NULL,
  duration_ms INTEGER,
  -- JSON array of import ids the run was trained on.
  data_snapshot TEXT NOT NULL,
  threshold REAL,
  weights BLOB,
  message TEXT,
  -- At most one active run per kind (enforced by the partial unique index below).
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX model_runs_active_kind ON model_runs (kind) WHERE active = 1;

-- One score per session per run. Explanation: JSON array of {feature, contribution} for flagged rows.
CREATE TABLE scores (
  run_id INTEGER NOT NULL REFERENCES model_runs (id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL,
  score REAL NOT NULL,
  flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
  explanation TEXT,
  PRIMARY KEY (run_id, session_id)
) WITHOUT ROWID;
-- The triage queue and dashboards read flagged sessions of one run ordered by score.
CREATE INDEX scores_run_flagged_score ON scores (run_id, flagged, score DESC);
`,
};
