// The Overview's aggregate queries, each written once against a Source (rollup or sessions).
import type { FilterClause } from '../../../src-shared/filter/clauses.js';
import type { Source } from './analytics-source.js';
import { clausesToSql } from './filter-sql.js';
import type { Db } from './open.js';

export interface Totals {
  sessions: number;
  bytesIn: number;
  bytesOut: number;
  countries: number;
}

export function totals(db: Db, s: Source): Totals {
  return db
    .prepare(
      `SELECT ${s.sessions} AS sessions, ${s.bytesIn} AS bytesIn, ${s.bytesOut} AS bytesOut,
         count(DISTINCT nullif(${s.country}, '')) AS countries ${s.from}`,
    )
    .get(s.params) as Totals;
}

/** Session count per group of the given keys (expressions of the source). */
export function countBy<K extends string>(
  db: Db,
  s: Source,
  keys: Record<K, string>,
): (Record<K, string> & { n: number })[] {
  const names = Object.keys(keys) as K[];
  const select = names.map((name) => `${keys[name]} AS ${name}`).join(', ');
  const group = names.map((_, i) => i + 1).join(', ');
  return db
    .prepare(`SELECT ${select}, ${s.sessions} AS n ${s.from} GROUP BY ${group}`)
    .all(s.params) as (Record<K, string> & { n: number })[];
}

export function countOnly(db: Db, s: Source): number {
  return (db.prepare(`SELECT ${s.sessions} AS n ${s.from}`).get(s.params) as { n: number }).n;
}

export interface SeriesRow {
  t: number;
  sessions: number;
  bytesIn: number;
  bytesOut: number;
}

export function series(db: Db, s: Source, size: number, withBytes = true): SeriesRow[] {
  const bytes = withBytes
    ? `${s.bytesIn} AS bytesIn, ${s.bytesOut} AS bytesOut`
    : '0 AS bytesIn, 0 AS bytesOut';
  return db
    .prepare(
      `SELECT ${s.bucket(size)} AS t, ${s.sessions} AS sessions, ${bytes} ${s.from} GROUP BY 1 ORDER BY 1`,
    )
    .all(s.params) as SeriesRow[];
}

/** Distinct source addresses of the sessions a source reads. */
export function distinctSources(db: Db, s: Source): number {
  return (db.prepare(`SELECT count(DISTINCT src_ip) AS n ${s.from}`).get(s.params) as { n: number }).n;
}

/**
 * Sources seen within [from, to) by the per-source rollup: exact without a range; with one it
 * counts every source whose activity span overlaps it, an upper bound.
 */
export function sourcesOverlapping(
  db: Db,
  range: { from?: number; to?: number },
  countries: readonly FilterClause[] = [],
): number {
  const params: Record<string, unknown> = { from: range.from ?? -8.64e15, to: range.to ?? 8.64e15 };
  const where = ['last_ts >= @from', 'first_ts < @to', ...clausesToSql(countries, params)];
  return (
    db.prepare(`SELECT count(*) AS n FROM rollup_sources WHERE ${where.join(' AND ')}`).get(params) as {
      n: number;
    }
  ).n;
}

export function verdictsTableExists(db: Db): boolean {
  return (
    db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'verdicts'`).get() !== undefined
  );
}

/** Sessions of the source that carry a verdict (the source must read sessions). */
export function reviewedCount(db: Db, s: Source): number {
  return (
    // CROSS JOIN keeps verdicts (the few) as the outer loop: one primary-key lookup per verdict.
    (
      db
        .prepare(
          `SELECT count(*) AS n ${s.from.replace(/^FROM sessions/, 'FROM verdicts CROSS JOIN sessions ON sessions.id = verdicts.session_id')}`,
        )
        .get(s.params) as { n: number }
    ).n
  );
}
