import type { SessionIdRange } from './imports.js';
import type { Db } from './open.js';
import { prepareUpsert, REAL_ROLLUPS, type RollupTarget } from './rollup-tables.js';

export const GRANULARITIES = [60_000, 3_600_000, 86_400_000] as const;

/**
 * Adds aggregated time cells to rollup_time (the ingest writer's flush; see RollupSink), or to the
 * table `target` names instead (the writer's staging, db/staged-rollups.ts). The per-client
 * rollups are appended to the staging's pair log instead (db/staged-pair-log.ts).
 */
export function prepareRollupApply(db: Db, target: RollupTarget = REAL_ROLLUPS) {
  const time = prepareUpsert(db, 'rollup_time', target);
  return {
    time(
      g: number,
      bucket: number,
      country: string,
      type: string,
      n: number,
      bytesIn: number,
      bytesOut: number,
    ) {
      time.run(g, bucket, country, type, n, bytesIn, bytesOut);
    },
  };
}

/**
 * Removes one import's contribution from the rollups (used when an import is cancelled or found
 * interrupted). Time cells are deltas: the sessions whose share was applied (up to rollupLast) are
 * subtracted. Pairs and sources touched by any of the import's sessions are recomputed from the
 * other imports' sessions (first/last timestamps cannot be subtracted), whatever was applied.
 */
export function subtractImportFromRollups(db: Db, importId: number, range: SessionIdRange): void {
  const applied = { first: range.first, last: range.rollupLast };
  for (const g of GRANULARITIES) {
    db.prepare(
      `WITH gone AS (
         SELECT (start_ts / ${g}) * ${g} AS bucket, coalesce(country, '') AS country,
                coalesce(detection_type, '') AS detection_type, count(*) AS n,
                coalesce(sum(bytes_in), 0) AS bin, coalesce(sum(bytes_out), 0) AS bout
         FROM sessions WHERE id BETWEEN @first AND @last AND import_id = @id GROUP BY 1, 2, 3)
       UPDATE rollup_time SET sessions = rollup_time.sessions - gone.n,
         bytes_in = rollup_time.bytes_in - gone.bin, bytes_out = rollup_time.bytes_out - gone.bout
       FROM gone WHERE rollup_time.granularity = ${g} AND rollup_time.bucket = gone.bucket
         AND rollup_time.country = gone.country AND rollup_time.detection_type = gone.detection_type`,
    ).run({ id: importId, ...applied });
  }
  db.prepare('DELETE FROM rollup_time WHERE sessions <= 0').run();
  db.prepare(
    `WITH touched AS (SELECT DISTINCT src_ip, coalesce(dst_ip, '') AS dst_ip FROM sessions WHERE id BETWEEN @first AND @last AND import_id = @id),
     remaining AS (
       SELECT s.src_ip, coalesce(s.dst_ip, '') AS dst_ip, count(*) AS n, coalesce(sum(s.bytes_in), 0) AS bin,
              coalesce(sum(s.bytes_out), 0) AS bout, min(s.start_ts) AS first_ts, max(s.start_ts) AS last_ts
       FROM sessions s JOIN touched t ON s.src_ip = t.src_ip AND coalesce(s.dst_ip, '') = t.dst_ip
       WHERE s.import_id != @id GROUP BY 1, 2)
     UPDATE rollup_pairs SET sessions = coalesce(r.n, 0), bytes_in = coalesce(r.bin, 0), bytes_out = coalesce(r.bout, 0),
       first_ts = coalesce(r.first_ts, rollup_pairs.first_ts), last_ts = coalesce(r.last_ts, rollup_pairs.last_ts)
     FROM touched t LEFT JOIN remaining r ON r.src_ip = t.src_ip AND r.dst_ip = t.dst_ip
     WHERE rollup_pairs.src_ip = t.src_ip AND rollup_pairs.dst_ip = t.dst_ip`,
  ).run({ id: importId, first: range.first, last: range.last });
  db.prepare('DELETE FROM rollup_pairs WHERE sessions <= 0').run();
  db.prepare(
    `WITH touched AS (SELECT DISTINCT src_ip FROM sessions WHERE id BETWEEN @first AND @last AND import_id = @id),
     remaining AS (
       SELECT s.src_ip, count(*) AS n, coalesce(sum(s.bytes_in), 0) AS bin, coalesce(sum(s.bytes_out), 0) AS bout,
              min(s.start_ts) AS first_ts, max(s.start_ts) AS last_ts
       FROM sessions s JOIN touched t ON s.src_ip = t.src_ip WHERE s.import_id != @id GROUP BY 1)
     UPDATE rollup_sources SET sessions = coalesce(r.n, 0), bytes_in = coalesce(r.bin, 0), bytes_out = coalesce(r.bout, 0),
       first_ts = coalesce(r.first_ts, rollup_sources.first_ts), last_ts = coalesce(r.last_ts, rollup_sources.last_ts)
     FROM touched t LEFT JOIN remaining r ON r.src_ip = t.src_ip
     WHERE rollup_sources.src_ip = t.src_ip`,
  ).run({ id: importId, first: range.first, last: range.last });
  db.prepare('DELETE FROM rollup_sources WHERE sessions <= 0').run();
}

export interface SummaryRow {
  sessions: number;
  bytesIn: number;
  bytesOut: number;
  firstTs: number | null;
  lastTs: number | null;
}

/** Totals over a time range from the coarsest rollup that still honours the range edges. */
export function rollupTotals(db: Db, from?: number, to?: number): SummaryRow {
  const g = pickGranularity(from, to);
  return db
    .prepare(
      `SELECT coalesce(sum(sessions), 0) AS sessions, coalesce(sum(bytes_in), 0) AS bytesIn,
         coalesce(sum(bytes_out), 0) AS bytesOut, min(bucket) AS firstTs, max(bucket) AS lastTs
       FROM rollup_time WHERE granularity = @g AND bucket >= @from AND bucket < @to`,
    )
    .get({ g, from: from ?? -8.64e15, to: to ?? 8.64e15 }) as SummaryRow;
}

export function rollupBy(db: Db, column: 'country' | 'detection_type', from?: number, to?: number) {
  const g = pickGranularity(from, to);
  return db
    .prepare(
      `SELECT ${column} AS key, sum(sessions) AS sessions FROM rollup_time
       WHERE granularity = @g AND bucket >= @from AND bucket < @to GROUP BY 1 ORDER BY 2 DESC`,
    )
    .all({ g, from: from ?? -8.64e15, to: to ?? 8.64e15 }) as { key: string; sessions: number }[];
}

/** Exact first and last session start over everything stored (from the per-source rollup). */
export function storedSpan(db: Db): { firstTs: number | null; lastTs: number | null } {
  return db.prepare('SELECT min(first_ts) AS firstTs, max(last_ts) AS lastTs FROM rollup_sources').get() as {
    firstTs: number | null;
    lastTs: number | null;
  };
}

/**
 * The span a chart over time draws: the filter's range, else every stored session's (so the
 * Overview's charts over time share one axis whatever each one counts). Null when nothing is stored.
 */
export function chartSpan(
  db: Db,
  range: { from?: number; to?: number },
): { from: number; to: number } | null {
  const span = range.from === undefined || range.to === undefined ? storedSpan(db) : null;
  const from = range.from ?? span?.firstTs ?? null;
  const to = range.to ?? (span?.lastTs == null ? null : span.lastTs + 1);
  return from === null || to === null || to <= from ? null : { from, to };
}

export function distinctSources(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM rollup_sources').get() as { n: number }).n;
}

/** The coarsest bucket size whose buckets align with both range edges. */
export function pickGranularity(from?: number, to?: number): number {
  for (const g of [...GRANULARITIES].reverse()) {
    if ((from === undefined || from % g === 0) && (to === undefined || to % g === 0)) return g;
  }
  return GRANULARITIES[0];
}
