// One query text for two tables: a "source" names the table, its WHERE and the expressions that
// mean "session count", "bytes", "country"… in it, so every Overview query is written once and
// runs on a rollup or on sessions alike.
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { FilterClause } from '../../../src-shared/filter/clauses.js';
import { clausesToSql } from './filter-sql.js';
import { whereClause } from './sessions.js';

// The size is spliced as an integer literal: a bound JS number arrives as REAL, and REAL division
// would not truncate to the bucket start.
const bucketOf = (column: string, size: number) => `(${column} / ${Math.trunc(size)}) * ${Math.trunc(size)}`;

export interface Source {
  /** `FROM … WHERE …` */
  from: string;
  params: Record<string, unknown>;
  sessions: string;
  bytesIn: string;
  bytesOut: string;
  country: string;
  detectionType: string;
  /** Start of the `size`-ms bucket a row falls in. */
  bucket(size: number): string;
}

/** A rollup table at one granularity, narrowed to [from, to) on bucket starts and to the clauses. */
export function rollupSource(
  table: 'rollup_time' | 'rollup_hist' | 'rollup_ports' | 'rollup_flagged',
  granularity: number,
  range: { from?: number; to?: number },
  clauses: readonly FilterClause[],
  extra: string[] = [],
): Source {
  const params: Record<string, unknown> = {
    g: granularity,
    from: range.from ?? -8.64e15,
    to: range.to ?? 8.64e15,
  };
  const parts = [
    'granularity = @g',
    'bucket >= @from',
    'bucket < @to',
    ...extra,
    ...clausesToSql(clauses, params),
  ];
  return {
    from: `FROM ${table} WHERE ${parts.join(' AND ')}`,
    params,
    sessions: 'coalesce(sum(sessions), 0)',
    bytesIn: 'coalesce(sum(bytes_in), 0)',
    bytesOut: 'coalesce(sum(bytes_out), 0)',
    country: 'country',
    detectionType: 'detection_type',
    // At its own granularity the bucket column is the group key as stored (index order, no sort).
    bucket: (size) => (size === granularity ? 'bucket' : bucketOf('bucket', size)),
  };
}

/** Sessions matching the filter, optionally AND-ed with one more condition. */
export function sessionSource(filter: SessionFilter, extra?: string): Source {
  const where = whereClause(filter);
  const sql = extra ? (where.sql ? `${where.sql} AND (${extra})` : `WHERE ${extra}`) : where.sql;
  return {
    from: `FROM sessions ${sql}`,
    params: where.params,
    sessions: 'count(*)',
    bytesIn: 'coalesce(sum(bytes_in), 0)',
    bytesOut: 'coalesce(sum(bytes_out), 0)',
    country: "coalesce(country, '')",
    detectionType: "coalesce(detection_type, '')",
    bucket: (size) => bucketOf('start_ts', size),
  };
}

/**
 * The one-pass Overview digest (analytics/session-digest.ts) over the sessions `filter` selects:
 * `aggregate` is the registered JS aggregate, given these columns in this order.
 */
export function sessionDigestQuery(
  aggregate: string,
  filter: SessionFilter,
): { sql: string; params: Record<string, unknown> } {
  const source = sessionSource(filter);
  return {
    sql: `SELECT ${aggregate}(start_ts, duration_ms, country, detection_type, protocol, dst_port,
       bytes_in, bytes_out, src_ip, sessions.id) ${source.from}`,
    params: source.params,
  };
}
