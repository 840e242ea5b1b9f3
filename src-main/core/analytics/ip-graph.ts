// Turns IP pairs into the column-wise graph the view draws: the heaviest edges up to a limit,
// and every endpoint of those edges with its volume, what it originated and its highest anomaly score.
// A pair to a host (a request without a server IP, db/host-edges.ts) ends at a host node.
import {
  type EdgeWeight,
  hostNodeName,
  type IpGraph,
  type NodeKind,
  type ScoreSource,
} from '../../../src-shared/graph.js';
import type { IpVerdict, Pair, PairSource } from '../db/graph.js';
import { canonicalPairs, canonicalScores, canonicalVerdicts } from './canonical-ends.js';

export interface AssembleOptions {
  weight: EdgeWeight;
  minWeight: number;
  limit: number;
  scores: Map<string, number>;
  verdicts: Map<string, IpVerdict>;
  scoreSource: ScoreSource;
  source: PairSource;
}

export function assembleGraph(read: Pair[], options: AssembleOptions): IpGraph {
  // One address written in two forms is one node (canonical-ends.ts).
  const pairs = canonicalPairs(read);
  const scores = canonicalScores(options.scores);
  const verdicts = canonicalVerdicts(options.verdicts);
  const weightOf = (pair: Pair) => (options.weight === 'bytes' ? pair.bytes : pair.sessions);
  // Volume counts every pair of the filter, so a node's size does not depend on the slider.
  const volume = new Map<string, number>();
  const originated = new Map<string, number>();
  // Hosts are counted apart from IPs: a Host header may read like an address.
  const hostVolume = new Map<string, number>();
  for (const pair of pairs) {
    const w = weightOf(pair);
    volume.set(pair.src, (volume.get(pair.src) ?? 0) + w);
    originated.set(pair.src, (originated.get(pair.src) ?? 0) + w);
    if (pair.toHost) hostVolume.set(pair.dst, (hostVolume.get(pair.dst) ?? 0) + w);
    else if (pair.dst !== pair.src) volume.set(pair.dst, (volume.get(pair.dst) ?? 0) + w);
  }
  const matched = pairs.filter((pair) => weightOf(pair) >= options.minWeight);
  // Heaviest first; ties by address so the same data always gives the same graph.
  matched.sort((a, b) => weightOf(b) - weightOf(a) || compare(a.src, b.src) || compare(a.dst, b.dst));
  const kept = matched.slice(0, options.limit);

  // A host node is named by its host; one that is an address keeps apart from IP nodes (hostNodeName).
  const index = new Map<string, number>();
  const nodes: IpGraph['nodes'] = { ip: [], volume: [], originated: [], score: [], verdict: [], kind: [] };
  const nodeOf = (name: string, kind: NodeKind) => {
    const key = kind === 'host' ? `host\n${name}` : name;
    let i = index.get(key);
    if (i === undefined) {
      i = nodes.ip.length;
      index.set(key, i);
      // A host has no score or verdict of its own: those are of the sessions an IP originated.
      const own = kind === 'ip';
      nodes.ip.push(kind === 'host' ? hostNodeName(name) : name);
      nodes.volume.push((own ? volume.get(name) : hostVolume.get(name)) ?? 0);
      nodes.originated.push(own ? (originated.get(name) ?? 0) : 0);
      nodes.score.push(own ? (scores.get(name) ?? null) : null);
      nodes.verdict.push(own ? (verdicts.get(name) ?? null) : null);
      nodes.kind?.push(kind);
    }
    return i;
  };
  const edges: IpGraph['edges'] = { source: [], target: [], weight: [] };
  for (const pair of kept) {
    edges.source.push(nodeOf(pair.src, 'ip'));
    edges.target.push(nodeOf(pair.dst, pair.toHost ? 'host' : 'ip'));
    edges.weight.push(weightOf(pair));
  }
  // IP-only data keeps its answer as it was: every node an IP, no kinds listed.
  if (!nodes.kind?.includes('host')) delete nodes.kind;
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
