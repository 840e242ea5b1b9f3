// The IP graph's edges of a source: sessions and bytes per (source, destination) pair summed by a
// GROUP BY on the engine with the filter translated, then assembled as the local graph is
// (analytics/ip-graph.ts: heaviest edges up to the limit, each node's volume over every pair).
// Scores and verdicts exist only for pulled sessions, so a source's nodes carry none.
import type { SessionFilter } from '../../../../src-shared/domain.js';
import type { EdgeWeight, IpGraph } from '../../../../src-shared/graph.js';
import type { SourceInfo } from '../../../../src-shared/sources.js';
import { assembleGraph } from '../../analytics/ip-graph.js';
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
  // A session without a destination is no edge (as db/graph.ts reads pairs).
  const where = [...filterConditions(source.mapping, request.filter), `ifNull(${f('dstIp')}, '') != ''`];
  const rows = await connection.all(
    `SELECT ${f('srcIp')} AS ${P}src, ${f('dstIp')} AS ${P}dst, count() AS ${P}sessions,
       sum(ifNull(${f('bytesIn')}, 0) + ifNull(${f('bytesOut')}, 0)) AS ${P}bytes
     FROM ${tableSql(source)} WHERE ${where.join(' AND ')} GROUP BY ${P}src, ${P}dst`,
    signal,
  );
  const pairs = rows.map((r) => ({
    src: String(r[`${P}src`]),
    dst: String(r[`${P}dst`]),
    sessions: Number(r[`${P}sessions`]),
    bytes: Number(r[`${P}bytes`]),
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
