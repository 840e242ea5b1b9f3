// Histogram and protocol/port reads from rollup_hist / rollup_ports. A filter that needs rows reads
// them from the digest of its sessions (analytics/session-digest.ts), binned with ingest's logBin.
import { HIST_METRICS, type HistMetric } from '../../../src-shared/analytics-bins.js';
import type { Source } from './analytics-source.js';
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

/**
 * The volumes some stored session has: a histogram bins every value a session has (0 included)
 * and none it lacks, so a metric with no cell was never recorded (an access log's bytes in).
 */
export function recordedVolumes(db: Db): ReadonlySet<HistMetric> {
  // One probe per metric that stops at its first cell: the app's time picker asks the summary on
  // every data change, and a recorded volume (the usual case) is found at once.
  const has = db.prepare('SELECT 1 FROM rollup_hist WHERE metric = ? AND sessions > 0 LIMIT 1').pluck();
  return new Set(HIST_METRICS.filter((_, metric) => has.get(metric) !== undefined));
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
