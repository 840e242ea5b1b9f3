// Histogram and protocol/port reads: from rollup_hist / rollup_ports, or from sessions when the
// filter needs rows. The log bin expression is the migration's, so both paths bin alike.
import type { Source } from './analytics-source.js';
import { logBinSql } from './migrations/004-analytics-rollups.js';
import type { Db } from './open.js';

export interface BinRow {
  metric: number;
  bin: number;
  sessions: number;
}

export function histFromRollup(db: Db, s: Source): BinRow[] {
  return db
    .prepare(`SELECT metric, bin, sum(sessions) AS sessions ${s.from} GROUP BY 1, 2 ORDER BY 1, 2`)
    .all(s.params) as BinRow[];
}

const MEASURES = ['bytes_in', 'bytes_out', 'duration_ms'];

export function histFromSessions(db: Db, s: Source): BinRow[] {
  // One pass: each measure's bin per row, NULL where the measure is missing, folded per metric.
  const binned = MEASURES.map(
    (column, i) => `CASE WHEN ${column} IS NULL THEN NULL ELSE ${logBinSql(column)} END AS b${i}`,
  );
  const rows = db
    .prepare(
      `WITH binned AS (SELECT ${binned.join(', ')} ${s.from})
       SELECT 0 AS metric, b0 AS bin, count(*) AS sessions FROM binned WHERE b0 IS NOT NULL GROUP BY 2
       UNION ALL SELECT 1, b1, count(*) FROM binned WHERE b1 IS NOT NULL GROUP BY 2
       UNION ALL SELECT 2, b2, count(*) FROM binned WHERE b2 IS NOT NULL GROUP BY 2`,
    )
    .all(s.params) as BinRow[];
  return rows.sort((a, b) => a.metric - b.metric || a.bin - b.bin);
}

export interface PortRow {
  protocol: string;
  dstPort: number;
  sessions: number;
}

/** Rollup cells as stored: the caller sums them, which is cheaper than SQL's GROUP BY sort here. */
export function portsFromRollup(db: Db, s: Source): PortRow[] {
  return db.prepare(`SELECT protocol, dst_port AS dstPort, sessions ${s.from}`).all(s.params) as PortRow[];
}

export function portsFromSessions(db: Db, s: Source): PortRow[] {
  return db
    .prepare(
      `SELECT coalesce(protocol, '') AS protocol, coalesce(dst_port, -1) AS dstPort, count(*) AS sessions ${s.from} GROUP BY 1, 2`,
    )
    .all(s.params) as PortRow[];
}
