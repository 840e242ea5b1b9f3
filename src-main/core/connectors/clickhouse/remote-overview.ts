// The Overview of a source computed by its engine: each chart one GROUP BY over the whole table
// with the filter translated (filter-sql.ts), never rows moved. The answers have the shape and the
// meaning of the local Overview read from sessions (analytics/session-digest.ts): a missing country,
// type or protocol counts under '', a missing port under -1, the same log bins, the same buckets,
// so a chart of a source equals the chart of the same rows pulled into the workspace.
import type { OverviewAnswer } from '../../../../src-shared/analytics.js';
import { HIST_METRICS } from '../../../../src-shared/analytics-bins.js';
import type { SessionFilter } from '../../../../src-shared/domain.js';
import type { SourceInfo } from '../../../../src-shared/sources.js';
import { bucketStart } from '../../../../src-shared/time-buckets.js';
import { seriesBucket } from '../../analytics/plan.js';
import type { SourceConnection } from './client.js';
import { whereSql } from './filter-sql.js';
import { sqlNumber } from './literal.js';
import { fieldExpr } from './mapping.js';
import { ALIAS_PREFIX, tableSql } from './select.js';

export type RemoteCharts = Omit<OverviewAnswer, 'correlation'>;
/** As many ports as the local port chart shows (analytics/distributions.ts). */
const TOP_PORTS = 15;

const num = (value: unknown) => Number(value ?? 0);
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function remoteOverview(
  connection: SourceConnection,
  source: SourceInfo,
  filter: SessionFilter,
  signal?: AbortSignal,
): Promise<RemoteCharts> {
  const m = source.mapping;
  const f = (name: string) => fieldExpr(m, name);
  const P = ALIAS_PREFIX;
  const from = `FROM ${tableSql(source)} ${whereSql(m, filter)}`;
  const start = f('startTs');
  // Every output column is named with the prefix: a plain `bytesIn` alias would replace the
  // table's own bytesIn column inside the WHERE clause (ClickHouse substitutes aliases there).
  const ask = async <T extends Record<string, unknown>>(sql: string): Promise<T[]> =>
    (await connection.all(sql, signal)).map(
      (row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k.slice(ALIAS_PREFIX.length), v])) as T,
    );

  // The charts' queries are independent: the engine answers them at once (the series waits for the
  // totals only when the filter has no range, to know its span).
  const duration = `(ifNull(${f('endTs')}, ${start}) - ${start})`;
  const measures = [f('bytesIn'), f('bytesOut'), duration];
  const cellsAsked = ask<{ country: string; detectionType: string; sessions: string }>(
    `SELECT ifNull(${f('country')}, '') AS ${P}country, ifNull(${f('detectionType')}, '') AS ${P}detectionType, count() AS ${P}sessions
     ${from} GROUP BY ${P}country, ${P}detectionType`,
  );
  const binsAsked = ask<{ metric: string; bin: string; sessions: string }>(
    measures
      .map(
        (expr, metric) =>
          `SELECT ${metric} AS ${P}metric, if(${P}v < 1, 0, toUInt32(floor(log2(${P}v))) + 1) AS ${P}bin, count() AS ${P}sessions
           FROM (SELECT toFloat64(${expr}) AS ${P}v ${from}) WHERE isNotNull(${P}v) GROUP BY ${P}bin`,
      )
      .join(' UNION ALL '),
  );
  const portsAsked = ask<{ protocol: string; dstPort: string; sessions: string }>(
    `SELECT ifNull(${f('protocol')}, '') AS ${P}protocol, ifNull(toInt32(${f('dstPort')}), -1) AS ${P}dstPort, count() AS ${P}sessions
     ${from} GROUP BY ${P}protocol, ${P}dstPort`,
  );
  // Awaited below; if an earlier await throws first, their failure is already reported by that one.
  for (const asked of [cellsAsked, binsAsked, portsAsked]) asked.catch(() => {});
  const [totals] = await ask<Record<string, string>>(
    `SELECT count() AS ${P}sessions, sum(ifNull(${f('bytesIn')}, 0)) AS ${P}bytesIn, sum(ifNull(${f('bytesOut')}, 0)) AS ${P}bytesOut,
       uniqExact(${f('srcIp')}) AS ${P}sourceIps, uniqExactIf(${f('country')}, ifNull(${f('country')}, '') != '') AS ${P}countries,
       min(${start}) AS ${P}firstTs, max(${start}) AS ${P}lastTs ${from}`,
  );
  const sessions = num(totals?.sessions);
  const firstTs = sessions > 0 ? num(totals?.firstTs) : null;
  const lastTs = sessions > 0 ? num(totals?.lastTs) : null;
  const kpis: RemoteCharts['kpis'] = {
    sessions,
    bytesIn: num(totals?.bytesIn),
    bytesOut: num(totals?.bytesOut),
    sourceIps: num(totals?.sourceIps),
    sourceIpsExact: true,
    countries: num(totals?.countries),
    flagged: null,
    reviewed: null,
    firstTs: filter.from ?? firstTs,
    lastTs: filter.to ?? lastTs,
    source: 'sessions',
  };

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
    const rows = await ask<Record<string, string>>(
      `SELECT intDiv(${start}, ${sqlNumber(size)}) * ${sqlNumber(size)} AS ${P}t, count() AS ${P}sessions,
         sum(ifNull(${f('bytesIn')}, 0)) AS ${P}bytesIn, sum(ifNull(${f('bytesOut')}, 0)) AS ${P}bytesOut ${from} GROUP BY ${P}t`,
    );
    const byT = new Map(rows.map((r) => [num(r.t), r]));
    const points = [];
    for (let t = bucketStart(seriesFrom, size); t < seriesTo; t += size) {
      const row = byT.get(t);
      points.push({
        t,
        sessions: num(row?.sessions),
        bytesIn: num(row?.bytesIn),
        bytesOut: num(row?.bytesOut),
        flagged: 0,
      });
    }
    series = { ...series, bucketMs: size, points };
  }

  // Key order, then busiest first (a stable sort), as the local digest orders them. ClickHouse 18.16
  // answers a GROUP BY of constant keys (fields the mapping lacks) over no rows with one row of
  // count 0, current versions with none: empty cells are dropped, as the local digest has none.
  const cells = (await cellsAsked)
    .map((r) => ({ country: r.country, detectionType: r.detectionType, sessions: num(r.sessions) }))
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

  const binRowsDone = await binsAsked;
  const histograms: RemoteCharts['histograms'] = {
    metrics: HIST_METRICS.map((metric, i) => ({
      metric,
      bins: binRowsDone
        .filter((r) => num(r.metric) === i)
        .map((r) => ({ bin: num(r.bin), sessions: num(r.sessions) }))
        .sort((a, b) => a.bin - b.bin),
    })),
    widened: false,
    source: 'sessions',
  };

  const protocols = new Map<string, number>();
  const ports = new Map<number, number>();
  const ordered = (await portsAsked)
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

  return {
    kpis,
    series,
    typeByCountry: { cells, source: 'sessions' },
    countries,
    histograms,
    ports: portMix,
  };
}
