import type { Migration } from './index.js';

/**
 * Repeated identical rows are now sessions of their own, keyed by their occurrence in the import,
 * and rows whose source names its events (WAF request ids, CloudWatch Logs event ids) are keyed by
 * that id (session-key.ts). The first of identical rows keeps the natural key, so no stored session
 * needs a new key. Sessions stored from WAF logs or CloudWatch pulls cannot be re-keyed by their
 * event ids, which were not kept: their range is recorded instead, and an event imported later into
 * that range is matched against them by its fields (ingest/repeat-keys.ts). It reads only those
 * imports' sessions, by id range.
 */
export const legacyEventSessions: Migration = {
  name: 'sessions: remember those keyed before WAF request ids and CloudWatch event ids were keys',
  sql: `
CREATE TABLE legacy_event_sessions (
  min_start_ts INTEGER NOT NULL,
  max_start_ts INTEGER NOT NULL,
  -- Sessions with a larger id were keyed by event id where their source had one.
  max_id INTEGER NOT NULL
);
-- Pulled chunks are spool files named cwl-… (with a process id in front since schema 11). Each
-- import's sessions are read by their id range: CROSS JOIN keeps imports outside, + keeps SQLite
-- from building an index on import_id over every session.
INSERT INTO legacy_event_sessions (min_start_ts, max_start_ts, max_id)
SELECT min(s.start_ts), max(s.start_ts), max(s.id)
FROM imports i
CROSS JOIN sessions s ON s.id BETWEEN i.first_session_id AND i.last_session_id AND +s.import_id = i.id
WHERE i.format = 'waf-json' OR i.file_name LIKE '%cwl-%'
HAVING count(*) > 0;
`,
};
