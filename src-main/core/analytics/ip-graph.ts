// Turns IP pairs into the column-wise graph the view draws: the heaviest edges up to a limit,
// and every endpoint of those edges with its volume, what it originated and its highest anomaly score.
import type { EdgeWeight, IpGraph, ScoreSource } from '../../../src-shared/graph.js';
import type { IpVerdict, Pair, PairSource } from '../db/graph.js';

export interface AssembleOptions {
  weight: EdgeWeight;
  minWeight: number;
  limit: number;
  scores: Map<string, number>;
  verdicts: Map<string, IpVerdict>;
  scoreSource: ScoreSource;
  source: PairSource;
}

export function assembleGraph(pairs: Pair[], options: AssembleOptions): IpGraph {
  const weightOf = (pair: Pair) => (options.weight === 'bytes' ? pair.bytes : pair.sessions);
  // Volume counts every pair of the filter, so a node's size does not depend on the slider.
  const volume = new Map<string, number>();
  const originated = new Map<string, number>();
  for (const pair of pairs) {
    const w = weightOf(pair);
    volume.set(pair.src, (volume.get(pair.src) ?? 0) + w);
    originated.set(pair.src, (originated.get(pair.src) ?? 0) + w);
    if (pair.dst !== pair.src) volume.set(pair.dst, (volume.get(pair.dst) ?? 0) + w);
  }
  const matched = pairs.filter((pair) => weightOf(pair) >= options.minWeight);
  // Heaviest first; ties by address so the same data always gives the same graph.
  matched.sort((a, b) => weightOf(b) - weightOf(a) || compare(a.src, b.src) || compare(a.dst, b.dst));
  const kept = matched.slice(0, options.limit);

  const index = new Map<string, number>();
  const nodes: IpGraph['nodes'] = { ip: [], volume: [], originated: [], score: [], verdict: [] };
  const nodeOf = (ip: string) => {
    let i = index.get(ip);
    if (i === undefined) {
      i = nodes.ip.length;
      index.set(ip, i);
      nodes.ip.push(ip);
      nodes.volume.push(volume.get(ip) ?? 0);
      nodes.originated.push(originated.get(ip) ?? 0);
      nodes.score.push(options.scores.get(ip) ?? null);
      nodes.verdict.push(options.verdicts.get(ip) ?? null);
    }
    return i;
  };
  const edges: IpGraph['edges'] = { source: [], target: [], weight: [] };
  for (const pair of kept) {
    edges.source.push(nodeOf(pair.src));
    edges.target.push(nodeOf(pair.dst));
    edges.weight.push(weightOf(pair));
  }
  return {
    nodes,
    edges,
    weight: options.weight,
    matchedEdges: matched.length,
    scoreSource: options.scoreSource,
    source: options.source,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
