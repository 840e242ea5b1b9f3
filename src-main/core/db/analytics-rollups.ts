// Writes of the analytics rollups (migration 004), kept current at ingest like db/rollups.ts.
import type { SessionIdRange } from './imports.js';
import { bucketSql, logBinSql } from './migrations/004-analytics-rollups.js';
import type { Db } from './open.js';
import { prepareUpsert, REAL_ROLLUPS, type RollupTarget } from './rollup-tables.js';

/** Hours, days, and 0: the all-time bucket. */
export const ANALYTICS_GRANULARITIES = [3_600_000, 86_400_000, 0] as const;
/** Histograms skip hours: an hour × country × type × bin cell holds about one session. */
export const HIST_GRANULARITIES: readonly number[] = [86_400_000, 0];

/** Adds aggregated cells to the analytics rollups, or to `target`'s tables (see prepareRollupApply). */
export function prepareAnalyticsApply(db: Db, target: RollupTarget = REAL_ROLLUPS) {
  const hist = prepareUpsert(db, 'rollup_hist', target);
  const port = prepareUpsert(db, 'rollup_ports', target);
  const value = prepareUpsert(db, 'rollup_values', target);
  return {
    hist(g: number, bucket: number, country: string, type: string, metric: number, bin: number, n: number) {
      hist.run(g, bucket, country, type, metric, bin, n);
    },
    port(
      g: number,
      bucket: number,
      country: string,
      type: string,
      protocol: string,
      dstPort: number,
      n: number,
      bytesIn: number,
      bytesOut: number,
    ) {
      port.run(g, bucket, country, type, protocol, dstPort, n, bytesIn, bytesOut);
    },
    value(field: string, text: string, n: number) {
      value.run(field, text, n);
    },
  };
}

/**
 * Removes one import's share of the analytics rollups (import cancelled or interrupted): the cells
 * are deltas, so only the sessions whose share was applied (up to rollupLast) are subtracted.
 */
export function subtractImportFromAnalytics(db: Db, importId: number, range: SessionIdRange) {
  const rows = 'FROM sessions WHERE id BETWEEN @first AND @last AND import_id = @id';
  const params = { id: importId, first: range.first, last: range.rollupLast };
  for (const g of ANALYTICS_GRANULARITIES) {
    const dims = `${bucketSql(String(g))} AS bucket, coalesce(country, '') AS country, coalesce(detection_type, '') AS dt`;
    for (const [metric, column] of HIST_GRANULARITIES.includes(g)
      ? ([
          [0, 'bytes_in'],
          [1, 'bytes_out'],
          [2, 'duration_ms'],
        ] as const)
      : [])
      db.prepare(
        `WITH gone AS (SELECT ${dims}, ${logBinSql(column)} AS bin, count(*) AS n ${rows} AND ${column} IS NOT NULL GROUP BY 1, 2, 3, 4)
         UPDATE rollup_hist SET sessions = rollup_hist.sessions - gone.n FROM gone
         WHERE granularity = ${g} AND rollup_hist.bucket = gone.bucket AND rollup_hist.country = gone.country
           AND rollup_hist.detection_type = gone.dt AND metric = ${metric} AND rollup_hist.bin = gone.bin`,
      ).run(params);
    db.prepare(
      `WITH gone AS (SELECT ${dims}, coalesce(protocol, '') AS protocol, coalesce(dst_port, -1) AS port, count(*) AS n,
                     coalesce(sum(bytes_in), 0) AS bin, coalesce(sum(bytes_out), 0) AS bout ${rows} GROUP BY 1, 2, 3, 4, 5)
       UPDATE rollup_ports SET sessions = rollup_ports.sessions - gone.n, bytes_in = rollup_ports.bytes_in - gone.bin,
         bytes_out = rollup_ports.bytes_out - gone.bout FROM gone
       WHERE granularity = ${g} AND rollup_ports.bucket = gone.bucket AND rollup_ports.country = gone.country
         AND rollup_ports.detection_type = gone.dt AND rollup_ports.protocol = gone.protocol AND dst_port = gone.port`,
    ).run(params);
  }
  for (const [field, column] of [
    ['rule', 'rule_name'],
    ['action', 'action'],
    ['label', 'label'],
  ] as const)
    db.prepare(
      `WITH gone AS (SELECT ${column} AS value, count(*) AS n ${rows} AND ${column} IS NOT NULL GROUP BY 1)
       UPDATE rollup_values SET sessions = rollup_values.sessions - gone.n FROM gone
       WHERE field = '${field}' AND rollup_values.value = gone.value`,
    ).run(params);
  // Drop the cells the subtraction emptied.
  for (const table of ['rollup_hist', 'rollup_ports', 'rollup_values'])
    db.prepare(`DELETE FROM ${table} WHERE sessions <= 0`).run();
}
