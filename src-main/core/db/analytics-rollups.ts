// Writes of the analytics rollups (migration 004), kept current at ingest like db/rollups.ts.
import type { AnalyticsCells } from '../ingest/analytics-cells.js';
import { bucketSql, logBinSql } from './migrations/004-analytics-rollups.js';
import type { Db } from './open.js';

/** Hours, days, and 0: the all-time bucket. */
export const ANALYTICS_GRANULARITIES = [3_600_000, 86_400_000, 0] as const;
/** Histograms skip hours: an hour × country × type × bin cell holds about one session. */
export const HIST_GRANULARITIES: readonly number[] = [86_400_000, 0];

/** Adds (or, with negative counts, subtracts) cells at one granularity; prune drops emptied rows. */
export function prepareAnalyticsApply(db: Db) {
  const hist = db.prepare(
    `INSERT INTO rollup_hist (granularity, bucket, country, detection_type, metric, bin, sessions)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions`,
  );
  const port = db.prepare(
    `INSERT INTO rollup_ports (granularity, bucket, country, detection_type, protocol, dst_port, sessions, bytes_in, bytes_out)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions,
       bytes_in = bytes_in + excluded.bytes_in, bytes_out = bytes_out + excluded.bytes_out`,
  );
  const value = db.prepare(
    `INSERT INTO rollup_values (field, value, sessions) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET sessions = sessions + excluded.sessions`,
  );
  const prune = db.prepare(`DELETE FROM rollup_values WHERE sessions <= 0`);
  const pruneHist = db.prepare(`DELETE FROM rollup_hist WHERE sessions <= 0`);
  const prunePorts = db.prepare(`DELETE FROM rollup_ports WHERE sessions <= 0`);
  return {
    apply(granularity: number, cells: AnalyticsCells, withValues: boolean) {
      if (HIST_GRANULARITIES.includes(granularity))
        for (const c of cells.hist)
          hist.run(granularity, c.bucket, c.country, c.detectionType, c.metric, c.bin, c.sessions);
      for (const c of cells.ports)
        port.run(
          granularity,
          c.bucket,
          c.country,
          c.detectionType,
          c.protocol,
          c.dstPort,
          c.sessions,
          c.bytesIn,
          c.bytesOut,
        );
      if (withValues) for (const c of cells.values) value.run(c.field, c.value, c.sessions);
    },
    /** After a take-back: the tables are small enough that a sweep for emptied rows is cheap. */
    prune() {
      pruneHist.run();
      prunePorts.run();
      prune.run();
    },
  };
}

/** Removes one import's share of the analytics rollups (import cancelled or interrupted). */
export function subtractImportFromAnalytics(
  db: Db,
  importId: number,
  range: { first: number; last: number },
) {
  const rows = 'FROM sessions WHERE id BETWEEN @first AND @last AND import_id = @id';
  const params = { id: importId, ...range };
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
  prepareAnalyticsApply(db).prune();
}
