// The web-request panels' queries (status classes over time, top paths, user agents, methods) over
// the sessions a Source selects, for a filter: grouped on the interned ids (integers, one
// dictionary read per distinct value) in one scan each of the filtered sessions. Measured at 1 M
// requests on a busy 2-core machine: 4–5.5 s unfiltered, about 0.5 s for a filter that narrows
// (`ua:sqlmap`). The unfiltered view reads the web rollups instead (db/web-rollups.ts).
import { SESSION_FIELDS } from '../../../src-shared/fields/index.js';
import type { Source } from './analytics-source.js';
import type { Db } from './open.js';

export type InternedName = 'method' | 'path' | 'userAgent';

export function interned(name: InternedName): { column: string; dictionary: string } {
  const field = SESSION_FIELDS.find((f) => f.name === name);
  if (!field || !('dictionary' in field)) throw new Error(`${name} is not an interned field`);
  return { column: field.column, dictionary: field.dictionary };
}

const METHOD = interned('method');
const PATH = interned('path');

/** A session that carries a request: a method or a path (a bare TLS handshake has neither). */
export const REQUEST_SQL = `(${METHOD.column} IS NOT NULL OR ${PATH.column} IS NOT NULL)`;

/**
 * A line of an access log: a request, a line that was none but was sent to the server all the
 * same (a TLS handshake on the plain port, a scanner's garbage), kept as its raw request line, or
 * a line with no request at all (`"-"`: a connection closed before one came, a TLS probe) that the
 * server still answered with a status. Only a server writes a status: a flow record has none, so
 * flow data without a destination stays out.
 */
export const ACCESS_LOG_LINE_SQL = `(${REQUEST_SQL} OR request_line IS NOT NULL OR response_code IS NOT NULL)`;

/**
 * Whether any session was ever stored with a request: the method and path dictionaries only fill
 * when one is. Two primary-key reads, so data without requests costs the Overview nothing more.
 */
export function anyRequestsStored(db: Db): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM ${METHOD.dictionary} UNION ALL SELECT 1 FROM ${PATH.dictionary} LIMIT 1`)
      .get() !== undefined
  );
}

export interface RequestSpan {
  requests: number;
  firstTs: number | null;
  lastTs: number | null;
}

/** How many requests the source holds, and when the first and last started. */
export function requestSpan(db: Db, s: Source): RequestSpan {
  return db
    .prepare(`SELECT count(*) AS requests, min(start_ts) AS firstTs, max(start_ts) AS lastTs ${s.from}`)
    .get(s.params) as RequestSpan;
}

export interface StatusCell {
  t: number;
  /** The code's first digit (1–5). */
  digit: number;
  n: number;
}

/** Requests per bucket and status class; codes outside 100–599 are left out. */
export function statusByBucket(db: Db, s: Source, size: number): StatusCell[] {
  return db
    .prepare(
      `SELECT ${s.bucket(size)} AS t, response_code / 100 AS digit, count(*) AS n ${s.from}
         AND response_code BETWEEN 100 AND 599 GROUP BY 1, 2 ORDER BY 1`,
    )
    .all(s.params) as StatusCell[];
}

export interface ValueCount {
  value: string;
  n: number;
}

/**
 * The most frequent values of an interned field (every one when `limit` is null), busiest first
 * and, among equals, in dictionary order (so the rollups give the same list: db/web-rollups.ts).
 */
export function topInterned(db: Db, s: Source, name: InternedName, limit: number | null): ValueCount[] {
  const { column, dictionary } = interned(name);
  const cap = limit === null ? '' : `LIMIT ${Math.trunc(limit)}`;
  return db
    .prepare(
      `SELECT d.value AS value, top.n AS n
       FROM (SELECT ${column} AS id, count(*) AS n ${s.from} AND ${column} IS NOT NULL
             GROUP BY 1 ORDER BY 2 DESC, 1 ${cap}) AS top
       JOIN ${dictionary} AS d ON d.id = top.id ORDER BY top.n DESC, top.id`,
    )
    .all(s.params) as ValueCount[];
}

/**
 * Requests per class of their user agent, read from the class stored with each agent (as the
 * rollups and `uaclass:` read it, so a filtered panel can never group an agent otherwise), those
 * without one under `missing`. One scan grouped on the ids, then one dictionary read per agent.
 */
export function userAgentClassCounts(db: Db, s: Source, missing: string): Map<string, number> {
  const { column, dictionary } = interned('userAgent');
  const rows = db
    .prepare(
      `SELECT coalesce(d.class, @missing) AS class, sum(per.n) AS n
       FROM (SELECT ${column} AS id, count(*) AS n ${s.from} GROUP BY 1) AS per
       LEFT JOIN ${dictionary} AS d ON d.id = per.id GROUP BY 1`,
    )
    .all({ ...s.params, missing }) as { class: string; n: number }[];
  return new Map(rows.map((row) => [row.class, row.n]));
}
