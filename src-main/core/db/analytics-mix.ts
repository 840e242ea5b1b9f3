// Histogram and protocol/port reads: from rollup_hist / rollup_ports, or from sessions when the
// filter needs rows. Sessions are binned with ingest's own logBin, so both paths bin alike.
import { logBin } from '../../../src-shared/analytics-bins.js';
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

const MEASURES = ['bytes_in', 'bytes_out', 'duration_ms'];

/**
 * Bins the sessions' measures here, with the function ingest fills rollup_hist with: one read of
 * three columns per session took 0.78 s at 890 k sessions, against 1.27 s for SQLite binning each
 * value (log2, floor) and grouping the binned rows three times.
 */
export function histFromSessions(db: Db, s: Source): BinRow[] {
  const counts = MEASURES.map(() => new Map<number, number>());
  const rows = db
    .prepare(`SELECT ${MEASURES.join(', ')} ${s.from}`)
    .raw()
    .iterate(s.params) as IterableIterator<(number | null)[]>;
  for (const row of rows)
    for (let metric = 0; metric < MEASURES.length; metric++) {
      const value = row[metric];
      if (value === null || value === undefined) continue;
      const bin = logBin(value);
      const perBin = counts[metric]!;
      perBin.set(bin, (perBin.get(bin) ?? 0) + 1);
    }
  return counts.flatMap((perBin, metric) =>
    [...perBin].sort((a, b) => a[0] - b[0]).map(([bin, sessions]) => ({ metric, bin, sessions })),
  );
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
