import type { Migration } from './index.js';

export const initialSchema: Migration = {
  name: 'initial: imports, sessions, quarantine, rollups, presets',
  sql: `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  file_name TEXT NOT NULL,
  format TEXT NOT NULL,
  preset TEXT,
  size_bytes INTEGER NOT NULL,
  quick_hash TEXT NOT NULL,
  sha256 TEXT,
  status TEXT NOT NULL,
  message TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0,
  stored INTEGER NOT NULL DEFAULT 0,
  quarantined INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  bytes_read INTEGER NOT NULL DEFAULT 0,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  owner_pid INTEGER,
  heartbeat_at INTEGER,
  -- The id range this import's sessions fall in: rollback scans that range instead of needing an
  -- import_id index, whose upkeep would cost every row of every import.
  first_session_id INTEGER,
  last_session_id INTEGER
);
CREATE INDEX imports_quick_hash ON imports(quick_hash, size_bytes);
CREATE INDEX imports_status ON imports(status);

-- Extra source columns, interned: logs repeat the same extras on most rows.
CREATE TABLE attr_sets (
  id INTEGER PRIMARY KEY,
  json TEXT NOT NULL UNIQUE
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  key_hash INTEGER NOT NULL,
  start_ts INTEGER NOT NULL,
  end_ts INTEGER NOT NULL,
  src_ip TEXT NOT NULL,
  dst_ip TEXT,
  src_port INTEGER,
  dst_port INTEGER,
  protocol TEXT,
  bytes_in INTEGER,
  bytes_out INTEGER,
  packets INTEGER,
  response_code INTEGER,
  country TEXT,
  asn INTEGER,
  rule_name TEXT,
  detection_type TEXT,
  action TEXT,
  label TEXT,
  raw_line INTEGER NOT NULL,
  -- attr_sets rows are never deleted, so no foreign key: its per-row check would cost ingest time.
  attrs_id INTEGER,
  -- Derived fields are computed on read: storing them would cost ingest time and disk for no gain.
  duration_ms INTEGER GENERATED ALWAYS AS (end_ts - start_ts) VIRTUAL,
  bytes_ratio REAL GENERATED ALWAYS AS (CAST(bytes_out AS REAL) / max(coalesce(bytes_in, 0), 1)) VIRTUAL,
  hour_of_day INTEGER GENERATED ALWAYS AS ((start_ts / 3600000) % 24) VIRTUAL
);
-- The natural key makes re-imported rows (the same session from any file) duplicates. Leading
-- with start_ts keeps each batch's inserts in a few index pages (logs are roughly time-ordered),
-- limits hash collisions to sessions starting in the same millisecond, and serves time-range queries.
CREATE UNIQUE INDEX sessions_key ON sessions(start_ts, key_hash);
-- Query indexes (start, src, dst) are created by ensureSessionIndexes (db/session-indexes.ts):
-- a bulk import drops and rebuilds them, which is several times cheaper than maintaining them per row.

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
);
CREATE INDEX quarantine_import ON quarantine(import_id, line);

-- Rollups are kept current at ingest so dashboards never scan sessions.
-- granularity: 60000 (minute), 3600000 (hour), 86400000 (day).
CREATE TABLE rollup_time (
  granularity INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  country TEXT NOT NULL,
  detection_type TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  bytes_in INTEGER NOT NULL,
  bytes_out INTEGER NOT NULL,
  PRIMARY KEY (granularity, bucket, country, detection_type)
) WITHOUT ROWID;

CREATE TABLE rollup_pairs (
  src_ip TEXT NOT NULL,
  dst_ip TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  bytes_in INTEGER NOT NULL,
  bytes_out INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  PRIMARY KEY (src_ip, dst_ip)
) WITHOUT ROWID;

CREATE TABLE rollup_sources (
  src_ip TEXT PRIMARY KEY,
  country TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  bytes_in INTEGER NOT NULL,
  bytes_out INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE mapping_presets (
  name TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};
