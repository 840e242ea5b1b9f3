import type { Migration } from './index.js';

// Minutes, hours and days, as the time rollup keeps them (db/rollups.ts GRANULARITIES): every step
// of the Overview's bucket ladder is a multiple of one of them.
const GRANULARITIES = '(SELECT 60000 AS g UNION ALL SELECT 3600000 UNION ALL SELECT 86400000)';
// A request: a method or a path (db/analytics-web.ts REQUEST_SQL), of an import that finished (an
// unfinished one's share was staged, never added; recovery removes its sessions).
const FINISHED_REQUESTS = `(method_id IS NOT NULL OR path_id IS NOT NULL)
  AND import_id NOT IN (SELECT id FROM imports WHERE status = 'running')`;

/** The tables (also created by tests that write with today's code at an older schema). */
export const WEB_ROLLUP_TABLES = `
-- status_class: the code's first digit for codes 100–599, 0 for any other code or none.
CREATE TABLE rollup_web_time (
  granularity INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  status_class INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  PRIMARY KEY (granularity, bucket, status_class)
) WITHOUT ROWID;

-- field: 'method', 'path' or 'userAgent'; value_id: the id in that field's dictionary, 0 for a
-- request without the field (counted for user agents only: the "empty" class).
CREATE TABLE rollup_web_values (
  field TEXT NOT NULL,
  value_id INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  PRIMARY KEY (field, value_id)
) WITHOUT ROWID;
`;

/**
 * The Overview's web-request panels for the unfiltered view, kept current at import as the other
 * rollups are (ingest/web-rollup-sums.ts): scanning a million requests took 4–5 s, these answer in
 * a few reads. Requests per time bucket and status class (with the first and last start, for the
 * span), and per method, path and user agent by dictionary id (one row per distinct value, which
 * the dictionary already holds once). The INSERTs fill them for requests stored before.
 */
export const webRollups: Migration = {
  name: 'web rollups: requests per time and status class, per method, path and user agent',
  notice: 'Updating the database: summing the stored web requests for the Overview (once)…',
  // Worth saying only for many stored sessions with requests among them (about 2 s a million).
  noticeWhen: (db) =>
    db.prepare('SELECT 1 FROM http_paths LIMIT 1').get() !== undefined &&
    (db
      .prepare(
        `SELECT coalesce(sum(last_session_id - first_session_id + 1), 0) FROM imports
         WHERE first_session_id IS NOT NULL`,
      )
      .pluck()
      .get() as number) > 500_000,
  sql: `
${WEB_ROLLUP_TABLES}
INSERT INTO rollup_web_time (granularity, bucket, status_class, sessions, first_ts, last_ts)
SELECT g, (start_ts / g) * g,
       CASE WHEN response_code BETWEEN 100 AND 599 THEN CAST(response_code / 100 AS INTEGER) ELSE 0 END,
       count(*), min(start_ts), max(start_ts)
FROM sessions, ${GRANULARITIES} WHERE ${FINISHED_REQUESTS} GROUP BY 1, 2, 3;
INSERT INTO rollup_web_values (field, value_id, sessions)
SELECT 'method', method_id, count(*) FROM sessions WHERE ${FINISHED_REQUESTS} AND method_id IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'path', path_id, count(*) FROM sessions WHERE ${FINISHED_REQUESTS} AND path_id IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'userAgent', coalesce(user_agent_id, 0), count(*) FROM sessions WHERE ${FINISHED_REQUESTS} GROUP BY 2;
`,
};
