import type { Migration } from './index.js';

export const sources: Migration = {
  name: 'sources: remote engines to hunt in (ClickHouse), and where each pull from them got to',
  sql: `
-- A remote table the analyst hunts in. No secret is stored: the password comes from the
-- environment variable or the profile file named here, read when a connection is made.
CREATE TABLE sources (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('clickhouse')),
  url TEXT NOT NULL,
  database_name TEXT NOT NULL,
  table_name TEXT NOT NULL,
  -- The preset the mapping started from ('vigil', 'combined'), or NULL for one given field by field.
  preset TEXT,
  -- JSON object: Vigil field name -> the source's column or SQL expression for it.
  mapping TEXT NOT NULL,
  username TEXT NOT NULL,
  password_env TEXT,
  profile_file TEXT,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Where each pull of a source and filter got to: the newest row time whose chunk committed.
-- A filtered pull keeps its own watermark, so it never makes "new since last time" of another
-- filter skip rows.
CREATE TABLE source_pulls (
  source TEXT NOT NULL REFERENCES sources(name) ON DELETE CASCADE,
  -- The filter as the language writes it ('' for every row).
  selector TEXT NOT NULL,
  last_event_ts INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (source, selector)
) WITHOUT ROWID;
`,
};
