import type { IpGraph } from '../../../src-shared/graph.js';
import { countOf, formatCount } from '../../format.js';
import type { GraphCounts } from './useDrawnGraph.js';

/**
 * The Graph heading's line, for the workspace's graph and a remote source's alike: hosts are
 * counted apart from the IPs ("7 IPs" over 5 clients and their 2 sites miscounted both), and a
 * graph cut to its heaviest edges says so.
 */
export function graphSummary(counts: GraphCounts, graph: IpGraph): string {
  const shown = graph.edges.weight.length;
  return (
    `${countOf(counts.nodes - counts.hosts, 'IP')} · ` +
    (counts.hosts > 0 ? `${countOf(counts.hosts, 'host')} · ` : '') +
    countOf(counts.edges, 'edge') +
    (graph.matchedEdges > shown
      ? ` (the ${formatCount(shown)} heaviest of ${formatCount(graph.matchedEdges)})`
      : '')
  );
}
