// The web-request rollups (migration 021): written at import by ingest/web-rollup-sums.ts into the
// writer's staging, read by the Overview's web panels when no filter narrows them. Their answers
// have the shape of the session scan's (db/analytics-web.ts), so the panels are built one way.
import type { RequestSpan, StatusCell, ValueCount } from './analytics-web.js';
import type { Db } from './open.js';
import { prepareUpsert, REAL_ROLLUPS, type RollupTarget } from './rollup-tables.js';
import { GRANULARITIES } from './rollups.js';

/** The fields rolled up per value, each by its dictionary id. */
export const WEB_VALUE_FIELDS = ['method', 'path', 'userAgent'] as const;
export type WebValueField = (typeof WEB_VALUE_FIELDS)[number];

/** Adds cells to the web rollups, or to `target`'s tables (the writer's staging). */
export function prepareWebRollupApply(db: Db, target: RollupTarget = REAL_ROLLUPS) {
  const time = prepareUpsert(db, 'rollup_web_time', target);
  const value = prepareUpsert(db, 'rollup_web_values', target);
  return {
    time(g: number, bucket: number, statusClass: number, n: number, firstTs: number, lastTs: number) {
      time.run(g, bucket, statusClass, n, firstTs, lastTs);
    },
    /** `id` 0: requests without the field. */
    value(field: WebValueField, id: number, n: number) {
      value.run(field, id, n);
    },
  };
}
export type WebRollupSink = ReturnType<typeof prepareWebRollupApply>;

const [, , DAY] = GRANULARITIES;

/** Every request of a finished import: how many, and when the first and last started. */
export function rolledUpRequestSpan(db: Db): RequestSpan {
  return db
    .prepare(
      `SELECT coalesce(sum(sessions), 0) AS requests, min(first_ts) AS firstTs, max(last_ts) AS lastTs
       FROM rollup_web_time WHERE granularity = ${DAY}`,
    )
    .get() as RequestSpan;
}

/** Requests per `size`-ms bucket and status class (1–5), from the coarsest level that divides it. */
export function rolledUpStatusByBucket(db: Db, size: number): StatusCell[] {
  const g = [...GRANULARITIES].reverse().find((level) => size % level === 0);
  if (g === undefined) throw new Error(`No web rollup level divides a ${size} ms bucket`);
  const t = size === g ? 'bucket' : `(bucket / ${Math.trunc(size)}) * ${Math.trunc(size)}`;
  return db
    .prepare(
      `SELECT ${t} AS t, status_class AS digit, sum(sessions) AS n FROM rollup_web_time
       WHERE granularity = ${g} AND status_class > 0 GROUP BY 1, 2 ORDER BY 1`,
    )
    .all() as StatusCell[];
}

/**
 * The most frequent values of a field (every one when `limit` is null), busiest first and, among
 * equals, in dictionary order (as the scan orders them).
 */
export function rolledUpTop(
  db: Db,
  field: WebValueField,
  dictionary: string,
  limit: number | null,
): ValueCount[] {
  const cap = limit === null ? '' : `LIMIT ${Math.trunc(limit)}`;
  return db
    .prepare(
      `SELECT d.value AS value, r.sessions AS n FROM rollup_web_values AS r
       JOIN ${dictionary} AS d ON d.id = r.value_id
       WHERE r.field = ? AND r.value_id > 0 AND r.sessions > 0 ORDER BY r.sessions DESC, r.value_id ${cap}`,
    )
    .all(field) as ValueCount[];
}

/**
 * Requests per class of their user agent (migration 022 stores each one's class), the requests
 * without one under `missing`.
 */
export function rolledUpUserAgentClasses(db: Db, missing: string): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT coalesce(d.class, ?) AS class, sum(r.sessions) AS n FROM rollup_web_values AS r
       LEFT JOIN user_agents AS d ON d.id = r.value_id WHERE r.field = 'userAgent' GROUP BY 1`,
    )
    .all(missing) as { class: string; n: number }[];
  return new Map(rows.map((row) => [row.class, row.n]));
}

// The requests whose share is in the web rollups: of an import that finished (migration 021).
const REQUEST = '(method_id IS NOT NULL OR path_id IS NOT NULL)';
const FINISHED = `import_id NOT IN (SELECT id FROM imports WHERE status = 'running')`;
const STATUS_CLASS_SQL =
  'CASE WHEN response_code BETWEEN 100 AND 599 THEN CAST(response_code / 100 AS INTEGER) ELSE 0 END';

/**
 * Removes a finished import's requests from the web rollups (its rollback; an unfinished import's
 * share was only staged, never added). Value counts are subtracted; the time cells it touched are
 * summed again from the other finished imports' requests, since a first or last start cannot be
 * subtracted. Runs before the sessions are deleted, in the rollback's transaction.
 */
export function subtractImportFromWebRollups(
  db: Db,
  importId: number,
  range: { first: number; last: number },
) {
  const status = db.prepare('SELECT status FROM imports WHERE id = ?').pluck().get(importId);
  if (status === 'running') return;
  const params = { id: importId, first: range.first, last: range.last };
  const own = `id BETWEEN @first AND @last AND import_id = @id AND ${REQUEST}`;
  db.prepare(
    `WITH gone AS (
       SELECT 'method' AS field, method_id AS value_id, count(*) AS n FROM sessions WHERE ${own} AND method_id IS NOT NULL GROUP BY 2
       UNION ALL SELECT 'path', path_id, count(*) FROM sessions WHERE ${own} AND path_id IS NOT NULL GROUP BY 2
       UNION ALL SELECT 'userAgent', coalesce(user_agent_id, 0), count(*) FROM sessions WHERE ${own} GROUP BY 2)
     UPDATE rollup_web_values SET sessions = rollup_web_values.sessions - gone.n
     FROM gone WHERE rollup_web_values.field = gone.field AND rollup_web_values.value_id = gone.value_id`,
  ).run(params);
  db.prepare('DELETE FROM rollup_web_values WHERE sessions <= 0').run();
  for (const g of GRANULARITIES) {
    const bucket = `(start_ts / ${g}) * ${g}`;
    db.exec(`CREATE TEMP TABLE web_touched (bucket INTEGER PRIMARY KEY)`);
    db.prepare(`INSERT OR IGNORE INTO web_touched SELECT ${bucket} FROM sessions WHERE ${own}`).run(params);
    db.prepare(
      `DELETE FROM rollup_web_time WHERE granularity = ${g} AND bucket IN (SELECT bucket FROM web_touched)`,
    ).run();
    db.prepare(
      `INSERT INTO rollup_web_time (granularity, bucket, status_class, sessions, first_ts, last_ts)
       SELECT ${g}, ${bucket}, ${STATUS_CLASS_SQL}, count(*), min(start_ts), max(start_ts) FROM sessions
       WHERE start_ts >= (SELECT min(bucket) FROM web_touched) AND start_ts < (SELECT max(bucket) FROM web_touched) + ${g}
         AND ${bucket} IN (SELECT bucket FROM web_touched) AND import_id != @id AND ${REQUEST} AND ${FINISHED}
       GROUP BY 2, 3`,
    ).run({ id: importId });
    db.exec('DROP TABLE web_touched');
  }
}
