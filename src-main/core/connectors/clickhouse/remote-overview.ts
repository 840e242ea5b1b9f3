// The Overview of a source computed by its engine: two aggregate statements over the whole table with the
// filter translated (overview-sql.ts says which and why), never rows moved. The answers have the
// shape and the meaning of the local Overview read from sessions (analytics/session-digest.ts): a
// missing country, type or protocol counts under '', a missing port under -1, the same log bins,
// the same buckets, so a chart of a source equals the chart of the same rows pulled into the workspace.
import type { OverviewAnswer } from '../../../../src-shared/analytics.js';
import { HIST_METRICS } from '../../../../src-shared/analytics-bins.js';
import type { SessionFilter } from '../../../../src-shared/domain.js';
import type { SourceInfo } from '../../../../src-shared/sources.js';
import { bucketStart, HOUR } from '../../../../src-shared/time-buckets.js';
import { seriesBucket } from '../../analytics/plan.js';
import type { SourceConnection } from './client.js';
import { filterConditions } from './filter-sql.js';
import {
  cellsSql,
  HISTOGRAM_KEY_STRIDE,
  MISSING,
  MIX_GROUPS,
  mixSql,
  numericChartsSql,
  type OverviewSql,
  portsSql,
  seriesSql,
} from './overview-sql.js';
import { ALIAS_PREFIX, tableSql } from './select.js';

export type RemoteCharts = Omit<OverviewAnswer, 'correlation'>;
/** As many ports as the local port chart shows (analytics/distributions.ts). */
const TOP_PORTS = 15;

const num = (value: unknown) => Number(value ?? 0);
const orNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** A bucket of the series: its index (start ÷ bucket size), sessions and bytes. */
interface SeriesBucket {
  value: number;
  sessions: number;
  bytesIn: number;
  bytesOut: number;
}
/** The numeric statement's `sumMap` answers, [keys, …values], their 64-bit numbers read (often as text). */
const sumMapColumns = (answer: unknown): number[][] =>
  Array.isArray(answer) ? answer.map((column: unknown[]) => column.map(num)) : [];
const seriesBuckets = (answer: unknown): SeriesBucket[] => {
  const [keys = [], sessions = [], bytesIn = [], bytesOut = []] = sumMapColumns(answer);
  return keys.map((value, i) => ({
    value,
    sessions: sessions[i] ?? 0,
    bytesIn: bytesIn[i] ?? 0,
    bytesOut: bytesOut[i] ?? 0,
  }));
};
const seriesRow = (r: Record<string, unknown>): SeriesBucket => ({
  value: num(r.value),
  sessions: num(r.sessions),
  bytesIn: num(r.bytesIn),
  bytesOut: num(r.bytesOut),
});
/** A row of the cells and port mix (mixSql), or of either alone (a field it lacks is undefined). */
type MixRow = { country: string; detectionType: string; protocol: string; dstPort: string; sessions: string };
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function remoteOverview(
  connection: SourceConnection,
  source: SourceInfo,
  filter: SessionFilter,
  signal?: AbortSignal,
  /** Country × type × protocol × port groups asked for together at most (tests make it small). */
  mixGroups = MIX_GROUPS,
): Promise<RemoteCharts> {
  const q: OverviewSql = {
    mapping: source.mapping,
    table: tableSql(source),
    conditions: filterConditions(source.mapping, filter),
  };
  // Every output column is named with the prefix: a plain `bytesIn` alias would replace the
  // table's own bytesIn column inside the WHERE clause (ClickHouse substitutes aliases there).
  const ask = async <T extends Record<string, unknown>>(sql: string): Promise<T[]> =>
    (await connection.all(sql, signal)).map(
      (row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k.slice(ALIAS_PREFIX.length), v])) as T,
    );

  // The statements are independent: the engine answers them at once. With a whole range the
  // series' bucket is known now; without, the numeric scan counts hours, which add up exactly to
  // any coarser bucket, and a finer one (matching rows within 60 h) is asked once the span is known.
  const ranged = filter.from !== undefined && filter.to !== undefined && filter.to > filter.from;
  const scanBucket = ranged ? seriesBucket((filter.to as number) - (filter.from as number)) : HOUR;
  const numericAsked = ask(numericChartsSql(q, scanBucket));
  const mixAsked = ask<MixRow>(mixSql(q, mixGroups));
  // Awaited below; if an earlier await throws first, their failure is already reported by that one.
  for (const asked of [numericAsked, mixAsked]) asked.catch(() => {});

  const numeric = (await numericAsked)[0] ?? {};
  const sessions = num(numeric.sessions);
  // Over no row the first and last start are the column type's default, not a time.
  const firstTs = sessions > 0 ? orNull(numeric.firstTs) : null;
  const lastTs = sessions > 0 ? orNull(numeric.lastTs) : null;
  const [binKeys = [], binCounts = []] = sumMapColumns(numeric.histograms);

  // The series spans the filter's range, or the matching rows' when it has none.
  const seriesFrom = filter.from ?? firstTs;
  const seriesTo = filter.to ?? (lastTs === null ? null : lastTs + 1);
  let series: RemoteCharts['series'] = {
    bucketMs: 60_000,
    from: seriesFrom,
    to: seriesTo,
    hasModel: false,
    points: [],
    source: 'sessions',
  };
  if (seriesFrom !== null && seriesTo !== null && seriesTo > seriesFrom) {
    const size = seriesBucket(seriesTo - seriesFrom);
    const buckets =
      size % scanBucket === 0
        ? seriesBuckets(numeric.series).filter((r) => r.value !== MISSING)
        : (await ask(seriesSql(q, size, firstTs ?? seriesFrom, lastTs ?? seriesTo))).map(seriesRow);
    const step = size % scanBucket === 0 ? scanBucket : size;
    const byT = new Map<number, { sessions: number; bytesIn: number; bytesOut: number }>();
    for (const r of buckets) {
      const t = bucketStart(r.value * step, size);
      const point = byT.get(t) ?? { sessions: 0, bytesIn: 0, bytesOut: 0 };
      byT.set(t, {
        sessions: point.sessions + r.sessions,
        bytesIn: point.bytesIn + r.bytesIn,
        bytesOut: point.bytesOut + r.bytesOut,
      });
    }
    const points = [];
    for (let t = bucketStart(seriesFrom, size); t < seriesTo; t += size) {
      const point = byT.get(t);
      points.push({
        t,
        sessions: point?.sessions ?? 0,
        bytesIn: point?.bytesIn ?? 0,
        bytesOut: point?.bytesOut ?? 0,
        flagged: 0,
      });
    }
    series = { ...series, bucketMs: size, points };
  }

  // The cells and the port mix from one GROUP BY of all four keys, or from two when it has too many.
  let cellRows: MixRow[] = await mixAsked;
  let portRows = cellRows;
  if (cellRows.length > mixGroups)
    [cellRows, portRows] = await Promise.all([ask<MixRow>(cellsSql(q)), ask<MixRow>(portsSql(q))]);

  // Key order, then busiest first (a stable sort), as the local digest orders them. ClickHouse 18.16
  // answers a GROUP BY of constant keys (fields the mapping lacks) over no rows with one row of
  // count 0, current versions with none: empty cells are dropped, as the local digest has none.
  const perCell = new Map<string, { country: string; detectionType: string; sessions: number }>();
  for (const { country, detectionType, sessions } of cellRows) {
    const key = JSON.stringify([country, detectionType]);
    const cell = perCell.get(key) ?? { country, detectionType, sessions: 0 };
    perCell.set(key, { ...cell, sessions: cell.sessions + num(sessions) });
  }
  const cells = [...perCell.values()]
    .filter((cell) => cell.sessions > 0)
    .sort((a, b) => byKey(a.country, b.country) || byKey(a.detectionType, b.detectionType))
    .sort((a, b) => b.sessions - a.sessions);
  const perCountry = new Map<string, number>();
  for (const cell of [...cells].sort((a, b) => byKey(a.country, b.country)))
    perCountry.set(cell.country, (perCountry.get(cell.country) ?? 0) + cell.sessions);
  const countries: RemoteCharts['countries'] = {
    hasModel: false,
    rows: [...perCountry]
      .map(([country, n]) => ({ country, sessions: n, flagged: 0 }))
      .sort((a, b) => b.sessions - a.sessions),
    source: 'sessions',
  };

  const histograms: RemoteCharts['histograms'] = {
    // A key below zero is a missing value; the others are chart × stride + bin (overview-sql.ts).
    metrics: HIST_METRICS.map((metric, chart) => ({
      metric,
      bins: binKeys
        .flatMap((key, i) =>
          key >= 0 && Math.floor(key / HISTOGRAM_KEY_STRIDE) === chart
            ? [{ bin: key % HISTOGRAM_KEY_STRIDE, sessions: binCounts[i] ?? 0 }]
            : [],
        )
        .sort((a, b) => a.bin - b.bin),
    })),
    widened: false,
    source: 'sessions',
  };

  const protocols = new Map<string, number>();
  const ports = new Map<number, number>();
  const ordered = portRows
    .map((r) => ({ protocol: r.protocol, dstPort: num(r.dstPort), sessions: num(r.sessions) }))
    .sort((a, b) => byKey(a.protocol, b.protocol) || a.dstPort - b.dstPort);
  for (const r of ordered) {
    protocols.set(r.protocol, (protocols.get(r.protocol) ?? 0) + r.sessions);
    ports.set(r.dstPort, (ports.get(r.dstPort) ?? 0) + r.sessions);
  }
  const busiest = <K>(map: Map<K, number>) => [...map].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const portMix: RemoteCharts['ports'] = {
    protocols: busiest(protocols).map(([protocol, n]) => ({ protocol, sessions: n })),
    ports: busiest(ports)
      .slice(0, TOP_PORTS)
      .map(([dstPort, n]) => ({ dstPort, sessions: n })),
    widened: false,
    source: 'sessions',
  };

  const kpis: RemoteCharts['kpis'] = {
    sessions,
    bytesIn: num(numeric.bytesIn),
    bytesOut: num(numeric.bytesOut),
    sourceIps: num(numeric.sourceIps),
    sourceIpsExact: true,
    // The cells hold each country that has sessions, a missing one as ''.
    countries: new Set(cells.map((cell) => cell.country).filter((country) => country !== '')).size,
    flagged: null,
    reviewed: null,
    firstTs: filter.from ?? firstTs,
    lastTs: filter.to ?? lastTs,
    source: 'sessions',
  };

  return {
    kpis,
    series,
    typeByCountry: { cells, source: 'sessions' },
    countries,
    histograms,
    ports: portMix,
  };
}
