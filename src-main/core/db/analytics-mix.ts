// Histogram and protocol/port reads from rollup_hist / rollup_ports. A filter that needs rows reads
// them from the digest of its sessions (analytics/session-digest.ts), binned with ingest's logBin.
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

export interface PortRow {
  protocol: string;
  dstPort: number;
  sessions: number;
}

/** Rollup cells as stored: the caller sums them, which is cheaper than SQL's GROUP BY sort here. */
export function portsFromRollup(db: Db, s: Source): PortRow[] {
  return db.prepare(`SELECT protocol, dst_port AS dstPort, sessions ${s.from}`).all(s.params) as PortRow[];
}
