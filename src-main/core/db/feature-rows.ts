// Reads for the feature builder and the label checks. Rows come as raw arrays in time order so a
// pass over millions of sessions allocates no object per session.
import type { Db } from './open.js';

/** Column order of a row from `featureRows`. */
export const FEATURE_ROW = {
  id: 0,
  startTs: 1,
  endTs: 2,
  srcIp: 3,
  dstIp: 4,
  dstPort: 5,
  protocol: 6,
  bytesIn: 7,
  bytesOut: 8,
  packets: 9,
  responseCode: 10,
  country: 11,
  label: 12,
  detectionType: 13,
} as const;

export type FeatureRow = [
  id: number,
  startTs: number,
  endTs: number,
  srcIp: string,
  dstIp: string | null,
  dstPort: number | null,
  protocol: string | null,
  bytesIn: number | null,
  bytesOut: number | null,
  packets: number | null,
  responseCode: number | null,
  country: string | null,
  label: string | number | null,
  detectionType: string | null,
];

/** Where a session's label value is read: a column (`label`, or an extra column kept from the
 * source file, stored in attr_sets) or the analyst's verdict. */
export type LabelRead = { type: 'column'; column: string } | { type: 'verdicts' };

function labelExpression(read: LabelRead | null): { sql: string; params: unknown[] } {
  if (read === null) return { sql: 'NULL', params: [] };
  if (read.type === 'verdicts')
    return { sql: '(SELECT v.verdict FROM verdicts v WHERE v.session_id = s.id)', params: [] };
  if (read.column === 'label') return { sql: 's.label', params: [] };
  return {
    sql: '(SELECT json_extract(a.json, ?) FROM attr_sets a WHERE a.id = s.attrs_id)',
    params: [`$."${read.column.replaceAll('"', '')}"`],
  };
}

export function hasVerdictsTable(db: Db): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'verdicts'`).get() !== undefined
  );
}

// Training and scoring read sessions of finished imports only (db/visibility.ts). The running
// imports are asked inside the same statement, so a pass reads one consistent snapshot of both;
// the probe per row costs about 0.1 s per million sessions, little beside a model pass.
const FINISHED = `s.import_id NOT IN (SELECT id FROM imports WHERE status = 'running')`;

/** Every session in time order (ties by id), as raw arrays; `label` null reads no label. */
export function featureRows(db: Db, label: LabelRead | null): IterableIterator<FeatureRow> {
  const expression = labelExpression(label);
  return db
    .prepare(
      `SELECT s.id, s.start_ts, s.end_ts, s.src_ip, s.dst_ip, s.dst_port, s.protocol, s.bytes_in, s.bytes_out,
         s.packets, s.response_code, s.country, ${expression.sql}, s.detection_type
       FROM sessions s WHERE ${FINISHED} ORDER BY s.start_ts, s.id`,
    )
    .raw()
    .iterate(...expression.params) as IterableIterator<FeatureRow>;
}

export function sessionCount(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM sessions s WHERE ${FINISHED}`).get() as { n: number }).n;
}

/** How often each label value occurs (NULL included), most frequent first. */
export function labelValueCounts(db: Db, read: LabelRead): { value: string | null; sessions: number }[] {
  const label = labelExpression(read);
  return db
    .prepare(
      `SELECT CAST(${label.sql} AS TEXT) AS value, count(*) AS sessions FROM sessions s WHERE ${FINISHED}
       GROUP BY 1 ORDER BY 2 DESC`,
    )
    .all(...label.params) as { value: string | null; sessions: number }[];
}

export function detectionTypeCounts(db: Db): { value: string | null; sessions: number }[] {
  return db
    .prepare(
      `SELECT detection_type AS value, count(*) AS sessions FROM sessions s WHERE ${FINISHED} GROUP BY 1 ORDER BY 2 DESC`,
    )
    .all() as { value: string | null; sessions: number }[];
}

/** Imports whose sessions a run is trained on: its data snapshot. */
export function completedImportIds(db: Db): number[] {
  return (
    db.prepare(`SELECT id FROM imports WHERE status = 'done' AND stored > 0 ORDER BY id`).all() as {
      id: number;
    }[]
  ).map((row) => row.id);
}
