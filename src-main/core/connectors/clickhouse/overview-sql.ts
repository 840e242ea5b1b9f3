// The statements of a source's Overview (remote-overview.ts runs them and shapes the answers).
// Measured on ClickHouse 18.16, 2 cores, 10 M rows: most of an Overview's cost is reading the
// columns and evaluating the filter once per statement, so the numeric charts (three histograms and
// the time series, which also give the totals) share one scan: each matching row is fanned out by
// ARRAY JOIN into one (chart, value) key per chart, both numbers, and one GROUP BY counts them all.
// The string keys (country, type, protocol) and the port share a second GROUP BY (mixSql): fanned
// out into the first, hashed to numbers, they cost as much as their own statement. The distinct
// source count, the one costly aggregate, is a third statement that runs beside the others (18.16
// merges an exact count's sets on one thread).
import type { SourceMapping } from '../../../../src-shared/sources.js';
import { sqlNumber, sqlString } from './literal.js';
import { fieldExpr } from './mapping.js';
import { ALIAS_PREFIX as P } from './select.js';

/** The charts of the shared numeric scan, by their number in its `chart` column. */
export const NUMERIC_CHART = { bytesIn: 0, bytesOut: 1, duration: 2, series: 3 } as const;
/** The histograms' charts in HIST_METRICS order (src-shared/analytics-bins.ts). */
export const HISTOGRAM_CHARTS = [NUMERIC_CHART.bytesIn, NUMERIC_CHART.bytesOut, NUMERIC_CHART.duration];
/** The value of a row whose metric or time is missing: no log bin or bucket index is this low. */
export const MISSING = -9e18;
const MISSING_SQL = '-9000000000000000000';

/**
 * A canonical dotted quad (no leading zero, each part ≤ 255): IPv4StringToNum is one-to-one on
 * these texts, and current engines throw on any other text, so it only ever sees these.
 */
const DOTTED_QUAD =
  '^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])([.](25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$';

/** The rows every statement reads: the table (quoted) and the filter's conditions (filter-sql.ts). */
export interface OverviewSql {
  mapping: SourceMapping;
  table: string;
  conditions: string[];
}

const f = (q: OverviewSql, name: string) => fieldExpr(q.mapping, name);
const fromSql = (q: OverviewSql, conditions = q.conditions) =>
  `FROM ${q.table}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
const missingOr = (expr: string) => `ifNull(toInt64(${expr}), ${MISSING_SQL})`;

/**
 * The local histograms' log bin (analytics/session-digest.ts): 0 below 1, else ⌊log2 v⌋ + 1.
 * log2 only ever sees v ≥ 1: current engines refuse to turn the -inf of log2(0) into an integer,
 * even in the branch `if` does not take or for a NULL row's hidden value.
 */
const logBin = (expr: string) => {
  const v = `ifNull(toFloat64(${expr}), 0)`;
  return `if(isNull(${expr}), ${MISSING_SQL}, if(${v} < 1, 0, toInt64(floor(log2(greatest(${v}, 1)))) + 1))`;
};

/**
 * One row per (chart, value): sessions, bytes in and out, first and last start. The histograms'
 * values are log bins, the series' `intDiv(start, bucketMs)`; a missing value is MISSING.
 * Every matching row has exactly one value per chart, so the totals are any one chart's sums.
 */
export function numericChartsSql(q: OverviewSql, bucketMs: number): string {
  const start = f(q, 'startTs');
  const duration = `(ifNull(${f(q, 'endTs')}, ${start}) - ${start})`;
  const values = [
    logBin(f(q, 'bytesIn')),
    logBin(f(q, 'bytesOut')),
    logBin(duration),
    missingOr(`intDiv(${start}, ${sqlNumber(bucketMs)})`),
  ];
  const charts = [
    NUMERIC_CHART.bytesIn,
    NUMERIC_CHART.bytesOut,
    NUMERIC_CHART.duration,
    NUMERIC_CHART.series,
  ];
  return `SELECT ${P}chart, ${P}value, count() AS ${P}sessions, sum(${P}in) AS ${P}bytesIn, sum(${P}out) AS ${P}bytesOut,
       min(${P}start) AS ${P}firstTs, max(${P}start) AS ${P}lastTs
     FROM (SELECT ${start} AS ${P}start, ifNull(${f(q, 'bytesIn')}, 0) AS ${P}in, ifNull(${f(q, 'bytesOut')}, 0) AS ${P}out,
       [${values.join(', ')}] AS ${P}values ${fromSql(q)})
     ARRAY JOIN [${charts.join(', ')}] AS ${P}chart, ${P}values AS ${P}value
     GROUP BY ${P}chart, ${P}value`;
}

/**
 * The number of distinct source addresses, exactly: canonical IPv4 texts counted as 32-bit numbers
 * (half the work of hashing the text), every other text as text; the two sets cannot overlap.
 */
export function distinctSourcesSql(q: OverviewSql): string {
  const ok = `${P}quad`;
  return `SELECT uniqExactIf(IPv4StringToNum(if(${ok}, ${P}ip, '0.0.0.0')), ${ok}) + uniqExactIf(${P}ip, NOT ${ok}) AS ${P}sourceIps
     FROM (SELECT ${P}ip, ifNull(match(${P}ip, ${sqlString(DOTTED_QUAD)}), 0) AS ${ok}
       FROM (SELECT toString(${f(q, 'srcIp')}) AS ${P}ip ${fromSql(q)}))`;
}

/** At most this many country × type × protocol × port groups are asked for in one statement. */
export const MIX_GROUPS = 100_000;

/**
 * Sessions per country × detection type × protocol × destination port (a missing string as '', a
 * missing port as -1), both the cells and the port mix in one scan; more than `limit` rows say
 * there are too many (a port scan from many countries), and the two are asked apart.
 */
export function mixSql(q: OverviewSql, limit = MIX_GROUPS): string {
  return `SELECT ifNull(${f(q, 'country')}, '') AS ${P}country, ifNull(${f(q, 'detectionType')}, '') AS ${P}detectionType,
       ifNull(${f(q, 'protocol')}, '') AS ${P}protocol, ifNull(toInt32(${f(q, 'dstPort')}), -1) AS ${P}dstPort,
       count() AS ${P}sessions
     ${fromSql(q)} GROUP BY ${P}country, ${P}detectionType, ${P}protocol, ${P}dstPort LIMIT ${sqlNumber(limit + 1)}`;
}

/** Sessions per country × detection type, a missing one as '' (asked when mixSql has too many groups). */
export function cellsSql(q: OverviewSql): string {
  return `SELECT ifNull(${f(q, 'country')}, '') AS ${P}country, ifNull(${f(q, 'detectionType')}, '') AS ${P}detectionType,
       count() AS ${P}sessions
     ${fromSql(q)} GROUP BY ${P}country, ${P}detectionType`;
}

/**
 * Sessions per protocol × destination port, a missing protocol as '' and port as -1 (asked when
 * mixSql has too many groups). The protocol is kept: ports of equal count are ordered by their
 * first protocol, as locally.
 */
export function portsSql(q: OverviewSql): string {
  return `SELECT ifNull(${f(q, 'protocol')}, '') AS ${P}protocol, ifNull(toInt32(${f(q, 'dstPort')}), -1) AS ${P}dstPort,
       count() AS ${P}sessions
     ${fromSql(q)} GROUP BY ${P}protocol, ${P}dstPort`;
}

/** The series alone, for a bucket finer than the numeric scan's hour (asked once the span is known). */
export function seriesSql(q: OverviewSql, bucketMs: number, first: number, last: number): string {
  const start = f(q, 'startTs');
  // Every matching row starts in [first, last]: the bound changes no answer, and lets a table
  // ordered by time skip the rest.
  const within = `${start} BETWEEN ${sqlNumber(first)} AND ${sqlNumber(last)}`;
  return `SELECT intDiv(${start}, ${sqlNumber(bucketMs)}) AS ${P}value, count() AS ${P}sessions,
       sum(ifNull(${f(q, 'bytesIn')}, 0)) AS ${P}bytesIn, sum(ifNull(${f(q, 'bytesOut')}, 0)) AS ${P}bytesOut
     ${fromSql(q, [...q.conditions, within])} GROUP BY ${P}value`;
}
