import type { Migration } from './index.js';

// Log bin of a value, as logBin() in src-shared/analytics-bins.ts computes it at ingest.
export const logBinSql = (column: string) =>
  `CASE WHEN ${column} < 1 THEN 0 ELSE CAST(floor(log2(${column})) AS INTEGER) + 1 END`;
// Hours, days, and 0: one all-time bucket (0), which answers the unranged Overview from a few rows.
const GRANULARITIES = '(SELECT 3600000 AS g UNION ALL SELECT 86400000 UNION ALL SELECT 0)';
// Histograms have no hour level: per hour they would hold nearly a row per session.
const HIST_GRANULARITIES = '(SELECT 86400000 AS g UNION ALL SELECT 0)';
export const bucketSql = (g: string) => `CASE WHEN ${g} = 0 THEN 0 ELSE (start_ts / ${g}) * ${g} END`;
const histOf = (metric: number, column: string) => `
INSERT INTO rollup_hist (granularity, bucket, country, detection_type, metric, bin, sessions)
SELECT g, ${bucketSql('g')}, coalesce(country, ''), coalesce(detection_type, ''), ${metric}, ${logBinSql(column)}, count(*)
FROM sessions, ${HIST_GRANULARITIES} WHERE ${column} IS NOT NULL GROUP BY 1, 2, 3, 4, 6;`;

export const analyticsRollups: Migration = {
  name: 'analytics rollups: log histograms, protocol/port mix, value counts, flagged cache',
  sql: `
-- Overview charts read these instead of sessions. Kept current at ingest (hour cells, folded into
-- days and one all-time bucket, granularity 0; histograms keep days and all time only); the INSERTs below build them for sessions imported before this migration.
-- metric: 0 bytes_in, 1 bytes_out, 2 duration_ms. bin: 0 for values below 1, k for [2^(k-1), 2^k).
CREATE TABLE rollup_hist (
  granularity INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  country TEXT NOT NULL,
  detection_type TEXT NOT NULL,
  metric INTEGER NOT NULL,
  bin INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  PRIMARY KEY (granularity, bucket, country, detection_type, metric, bin)
) WITHOUT ROWID;

-- dst_port -1: the session had no destination port.
CREATE TABLE rollup_ports (
  granularity INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  country TEXT NOT NULL,
  detection_type TEXT NOT NULL,
  protocol TEXT NOT NULL,
  dst_port INTEGER NOT NULL,
  sessions INTEGER NOT NULL,
  bytes_in INTEGER NOT NULL,
  bytes_out INTEGER NOT NULL,
  PRIMARY KEY (granularity, bucket, country, detection_type, protocol, dst_port)
) WITHOUT ROWID;

-- Distinct rule names, actions and labels with their session counts (filter autocomplete).
CREATE TABLE rollup_values (
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  PRIMARY KEY (field, value)
) WITHOUT ROWID;

-- Flagged sessions per time bucket × country × type for one set of active model runs
-- ("3,7"), built on first use from scores: a run's scores never change once it is done.
CREATE TABLE rollup_flagged (
  run_set TEXT NOT NULL,
  granularity INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  country TEXT NOT NULL,
  detection_type TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  PRIMARY KEY (run_set, granularity, bucket, country, detection_type)
) WITHOUT ROWID;
${histOf(0, 'bytes_in')}
${histOf(1, 'bytes_out')}
${histOf(2, 'duration_ms')}
INSERT INTO rollup_ports (granularity, bucket, country, detection_type, protocol, dst_port, sessions, bytes_in, bytes_out)
SELECT g, ${bucketSql('g')}, coalesce(country, ''), coalesce(detection_type, ''), coalesce(protocol, ''),
       coalesce(dst_port, -1), count(*), coalesce(sum(bytes_in), 0), coalesce(sum(bytes_out), 0)
FROM sessions, ${GRANULARITIES} GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO rollup_values (field, value, sessions)
SELECT 'rule', rule_name, count(*) FROM sessions WHERE rule_name IS NOT NULL GROUP BY 2
UNION ALL SELECT 'action', action, count(*) FROM sessions WHERE action IS NOT NULL GROUP BY 2
UNION ALL SELECT 'label', label, count(*) FROM sessions WHERE label IS NOT NULL GROUP BY 2;
`,
};
