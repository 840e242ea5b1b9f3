// The IP graph's edges of a source: sessions and bytes per (source, destination) pair summed by a
// GROUP BY on the engine with the filter translated, then assembled as the local graph is
// (analytics/ip-graph.ts: heaviest edges up to the limit, each node's volume over every pair).
// Scores and verdicts exist only for pulled sessions, so a source's nodes carry none.
import type { SessionFilter } from '../../../../src-shared/domain.js';
import type { EdgeWeight, IpGraph } from '../../../../src-shared/graph.js';
import type { SourceInfo } from '../../../../src-shared/sources.js';
import { assembleGraph } from '../../analytics/ip-graph.js';
import type { Pair } from '../../db/graph.js';
import type { SourceConnection } from './client.js';
import { filterConditions } from './filter-sql.js';
import { fieldExpr } from './mapping.js';
import { ALIAS_PREFIX, tableSql } from './select.js';

export interface GraphRequest {
  filter: SessionFilter;
  weight: EdgeWeight;
  minWeight: number;
  limit: number;
}

export async function remoteGraphEdges(
  connection: SourceConnection,
  source: SourceInfo,
  request: GraphRequest,
  signal?: AbortSignal,
): Promise<IpGraph> {
  const f = (name: string) => fieldExpr(source.mapping, name);
  const P = ALIAS_PREFIX;
  // As locally (db/graph.ts, db/host-edges.ts): a session with a destination IP is an edge to it; a
  // request without one is an edge to the host it asked for; a session with neither is no edge here
  // (locally it goes to "server of FILE", a node that names the imported file, which a table has not).
  const dst = `ifNull(${f('dstIp')}, '')`;
  const host = `ifNull(${f('host')}, '')`;
  const where = [...filterConditions(source.mapping, request.filter), `(${dst} != '' OR ${host} != '')`];
  const rows = await connection.all(
    `SELECT ${f('srcIp')} AS ${P}src, if(${dst} != '', ${dst}, ${host}) AS ${P}dst,
       ${dst} = '' AS ${P}tohost, count() AS ${P}sessions,
       sum(ifNull(${f('bytesIn')}, 0) + ifNull(${f('bytesOut')}, 0)) AS ${P}bytes
     FROM ${tableSql(source)} WHERE ${where.join(' AND ')} GROUP BY ${P}src, ${P}dst, ${P}tohost`,
    signal,
  );
  const pairs: Pair[] = rows.map((r) => ({
    src: String(r[`${P}src`]),
    dst: String(r[`${P}dst`]),
    sessions: Number(r[`${P}sessions`]),
    bytes: Number(r[`${P}bytes`]),
    ...(Number(r[`${P}tohost`]) === 1 ? { toHost: true as const } : {}),
  }));
  return assembleGraph(pairs, {
    weight: request.weight,
    minWeight: request.minWeight,
    limit: request.limit,
    scores: new Map(),
    verdicts: new Map(),
    scoreSource: null,
    source: 'sessions',
  });
}
