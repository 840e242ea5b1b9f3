// The IP graph operations: edges for the whole view, one IP's neighbours, its profile, and the
// sessions behind one edge.
import type { VigilService } from '../../../src-shared/api.js';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { EdgeWeight } from '../../../src-shared/graph.js';
import { assembleGraph } from '../analytics/ip-graph.js';
import {
  activeScoreRun,
  maxScoreByIp,
  type Pair,
  type PairSource,
  readNeighbourPairs,
  readPairs,
  worstVerdictByIp,
} from '../db/graph.js';
import { ipProfile } from '../db/ip-profile.js';
import type { Db } from '../db/open.js';
import { sessionPage } from '../db/sessions.js';

export interface GraphContext {
  db: Db;
}

type GraphOps = 'graphEdges' | 'ipNeighbours' | 'ipProfile' | 'edgeSessions';

export function graphService({ db }: GraphContext): Pick<VigilService, GraphOps> {
  const scoresOf = lastScoresMemo(db);
  const toGraph = (
    read: { pairs: Pair[]; source: PairSource },
    filter: SessionFilter,
    weight: EdgeWeight,
    minWeight: number,
    limit: number,
  ) => {
    const run = activeScoreRun(db);
    return assembleGraph(read.pairs, {
      weight,
      minWeight,
      limit,
      scores: run ? scoresOf(run.runId, filter) : new Map(),
      verdicts: worstVerdictByIp(db, filter),
      scoreSource: run,
      source: read.source,
    });
  };

  return {
    async graphEdges({ filter, weight, minWeight, limit }) {
      return toGraph(readPairs(db, filter), filter, weight, minWeight, limit);
    },
    async ipNeighbours({ ip, filter, weight, limit }) {
      return toGraph(readNeighbourPairs(db, ip, filter), filter, weight, 0, limit);
    },
    async ipProfile({ ip, filter, recentLimit }) {
      return ipProfile(db, ip, filter, recentLimit);
    },
    async edgeSessions({ src, dst, filter, offset, limit }) {
      // The edge is already within the filter; its endpoints replace any endpoint terms in it.
      return sessionPage(db, {
        filter: { ...filter, srcIp: src, dstIp: dst },
        sort: 'startTs',
        direction: 'desc',
        offset,
        limit,
      });
    },
  };
}

/**
 * maxScoreByIp for the last run and filter asked, kept until another connection commits. Reading
 * every scored session takes a second or two at a million, and the view asks again for the same
 * filter whenever the weight, edge limit or minimum weight changes. Scores are written only by
 * the score worker, on its own connection, and so is every import: either one changes
 * `data_version` here, which drops the kept answer.
 */
function lastScoresMemo(db: Db): (runId: number, filter: SessionFilter) => Map<string, number> {
  let key = '';
  let kept = new Map<string, number>();
  return (runId, filter) => {
    const now = JSON.stringify([runId, filter, db.pragma('data_version', { simple: true })]);
    if (now !== key) {
      kept = maxScoreByIp(db, runId, filter);
      key = now;
    }
    return kept;
  };
}
