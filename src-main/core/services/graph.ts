// The IP graph operations: edges for the whole view, one IP's neighbours, its profile, and the
// sessions behind one edge.
import type { VigilService } from '../../../src-shared/api.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { EdgeWeight } from '../../../src-shared/graph.js';
import { assembleGraph } from '../analytics/ip-graph.js';
import { dataVersion } from '../db/change-mark.js';
import {
  activeScoreRun,
  maxScoreByIp,
  type Pair,
  type PairSource,
  readNeighbourPairs,
  readPairs,
  readScoredPairs,
  rollupAnswers,
  worstVerdictByIp,
} from '../db/graph.js';
import { hostEdgeWhere, readHostPairs } from '../db/host-edges.js';
import { ipProfile } from '../db/ip-profile.js';
import type { Db } from '../db/open.js';
import { sessionPage, sessionPageWhere } from '../db/sessions.js';

export interface GraphContext {
  db: Db;
}

type GraphOps = 'graphEdges' | 'ipNeighbours' | 'ipProfile' | 'edgeSessions';

export function graphService({ db }: GraphContext): Pick<VigilService, GraphOps> {
  const edgesOf = lastEdgesMemo(db);
  const toGraph = (
    read: { pairs: Pair[]; source: PairSource },
    scores: Map<string, number>,
    filter: SessionFilter,
    weight: EdgeWeight,
    minWeight: number,
    limit: number,
  ) =>
    assembleGraph(read.pairs, {
      weight,
      minWeight,
      limit,
      scores,
      verdicts: worstVerdictByIp(db, filter),
      scoreSource: activeScoreRun(db),
      source: read.source,
    });

  return {
    async graphEdges({ filter, weight, minWeight, limit }) {
      const edges = edgesOf(filter, activeScoreRun(db)?.runId ?? null);
      return toGraph(edges, edges.scores, filter, weight, minWeight, limit);
    },
    async ipNeighbours({ ip, filter, weight, limit }) {
      const runId = activeScoreRun(db)?.runId ?? null;
      const scores = runId === null ? new Map() : edgesOf(filter, runId).scores;
      const read = readNeighbourPairs(db, ip, filter);
      const pairs = [...read.pairs, ...readHostPairs(db, filter, ip)];
      return toGraph({ ...read, pairs }, scores, filter, weight, 0, limit);
    },
    async ipProfile({ ip, filter, recentLimit }) {
      return ipProfile(db, ip, filter, recentLimit);
    },
    async edgeSessions({ src, dst, toHost, filter, offset, limit }) {
      // The edge is already within the filter; its endpoints replace any endpoint terms in it.
      const page = { sort: 'startTs', direction: 'desc', offset, limit } as const;
      if (toHost) return sessionPageWhere(db, hostEdgeWhere(src, dst, filter), { ...page, filter });
      return sessionPage(db, { ...page, filter: { ...filter, srcIp: src, dstIp: dst } });
    },
  };
}

interface EdgeRead {
  pairs: Pair[];
  source: PairSource;
  /** Highest score per IP in the active run, within the filter (empty without a run). */
  scores: Map<string, number>;
}

/**
 * The pairs and per-IP scores for the last filter and run asked, kept until another connection
 * commits. Reading them scans the sessions within a filter (a second or two at a million), and the
 * view asks again for the same filter whenever the weight, edge limit or minimum weight changes.
 * Scores are written only by the score worker, on its own connection, and so is every import:
 * either one changes `data_version` here, which drops the kept answer.
 */
function lastEdgesMemo(db: Db): (filter: SessionFilter, runId: number | null) => EdgeRead {
  let key = '';
  let kept: EdgeRead = { pairs: [], source: 'rollup', scores: new Map() };
  return (filter, runId) => {
    const now = JSON.stringify([runId, filter, dataVersion(db)]);
    if (now !== key) {
      kept = readEdges(db, filter, runId);
      key = now;
    }
    return kept;
  };
}

function readEdges(db: Db, filter: SessionFilter, runId: number | null): EdgeRead {
  const read = readIpEdges(db, filter, runId);
  // Requests without a server IP (access logs) end at their host (db/host-edges.ts).
  return { ...read, pairs: [...read.pairs, ...readHostPairs(db, filter)] };
}

function readIpEdges(db: Db, filter: SessionFilter, runId: number | null): EdgeRead {
  // A scan of sessions reads each pair's scores on the way; the pair rollup has none.
  if (runId !== null && !rollupAnswers(filter))
    return { ...readScoredPairs(db, runId, filter), source: 'sessions' };
  const read = readPairs(db, filter);
  return { ...read, scores: runId === null ? new Map() : maxScoreByIp(db, runId, filter) };
}
