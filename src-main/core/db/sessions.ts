import type { Session, SessionFilter } from '../../../src-shared/domain.js';
import type { Db } from './open.js';

/** Column order of the values passed to the function from `prepareSessionInsert`. */
export type SessionInsertValues = [
  importId: number,
  keyHash: number,
  startTs: number,
  endTs: number,
  srcIp: string,
  dstIp: string | null,
  srcPort: number | null,
  dstPort: number | null,
  protocol: string | null,
  bytesIn: number | null,
  bytesOut: number | null,
  packets: number | null,
  responseCode: number | null,
  country: string | null,
  asn: number | null,
  ruleName: string | null,
  detectionType: string | null,
  action: string | null,
  label: string | null,
  rawLine: number,
  attrsId: number | null,
];

/**
 * Stores one row; returns its new id, or 0 when its natural key is already stored (a duplicate).
 * Single-row statements: multi-row VALUES measured slower here for INSERT OR IGNORE (bench/ingest).
 */
export function prepareSessionInsert(db: Db): (values: SessionInsertValues) => number {
  const stmt = db.prepare(
    `INSERT OR IGNORE INTO sessions (import_id, key_hash, start_ts, end_ts, src_ip, dst_ip, src_port, dst_port,
       protocol, bytes_in, bytes_out, packets, response_code, country, asn, rule_name, detection_type, action,
       label, raw_line, attrs_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (values) => {
    const info = stmt.run(values);
    return info.changes === 1 ? Number(info.lastInsertRowid) : 0;
  };
}

const COLUMNS = `id, import_id AS importId, start_ts AS startTs, end_ts AS endTs, src_ip AS srcIp, dst_ip AS dstIp,
  src_port AS srcPort, dst_port AS dstPort, protocol, bytes_in AS bytesIn, bytes_out AS bytesOut, packets,
  response_code AS responseCode, country, asn, rule_name AS ruleName, detection_type AS detectionType, action,
  label, duration_ms AS durationMs, bytes_ratio AS bytesRatio, hour_of_day AS hourOfDay, raw_line AS rawLine,
  (SELECT json FROM attr_sets WHERE attr_sets.id = sessions.attrs_id) AS attrs`;

const SORT_COLUMNS: Record<string, string> = {
  startTs: 'start_ts',
  srcIp: 'src_ip',
  dstIp: 'dst_ip',
  bytesIn: 'bytes_in',
  bytesOut: 'bytes_out',
  country: 'country',
  dstPort: 'dst_port',
};

export function whereClause(filter: SessionFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (sql: string, key: string, value: unknown) => {
    if (value === undefined) return;
    parts.push(sql);
    params[key] = value;
  };
  add('start_ts >= @from', 'from', filter.from);
  add('start_ts < @to', 'to', filter.to);
  add('src_ip = @srcIp', 'srcIp', filter.srcIp);
  add('dst_ip = @dstIp', 'dstIp', filter.dstIp);
  add('country = @country', 'country', filter.country);
  add('detection_type = @detectionType', 'detectionType', filter.detectionType);
  add('dst_port = @dstPort', 'dstPort', filter.dstPort);
  add('import_id = @importId', 'importId', filter.importId);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function sessionPage(
  db: Db,
  query: { filter: SessionFilter; sort: string; direction: 'asc' | 'desc'; offset: number; limit: number },
): { items: Session[]; total: number } {
  const { sql, params } = whereClause(query.filter);
  const column = SORT_COLUMNS[query.sort] ?? 'start_ts';
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM sessions ${sql} ORDER BY ${column} ${direction}, id ${direction} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset }) as (Omit<Session, 'attrs'> & {
    attrs: string | null;
  })[];
  const { total } = db.prepare(`SELECT count(*) AS total FROM sessions ${sql}`).get(params) as {
    total: number;
  };
  return { items: rows.map((row) => ({ ...row, attrs: row.attrs ? JSON.parse(row.attrs) : null })), total };
}

export function countSessions(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
}

export function hasSessions(db: Db): boolean {
  return db.prepare('SELECT 1 FROM sessions LIMIT 1').get() !== undefined;
}

export function deleteSessionsOfImport(
  db: Db,
  importId: number,
  range: { first: number; last: number },
): number {
  return db
    .prepare('DELETE FROM sessions WHERE id BETWEEN ? AND ? AND import_id = ?')
    .run(range.first, range.last, importId).changes;
}
