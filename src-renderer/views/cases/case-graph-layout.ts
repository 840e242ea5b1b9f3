// The case's mini graph as graphology data: its source → destination pairs, small by nature, so
// laid out in the page rather than in a worker: a circle, then a few ForceAtlas2 passes, stretched
// to the panel's shape. Indicator IPs are red and always labelled. Apart from Sigma (which needs
// WebGL even to load), so the layout is tested on its own.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { canonicalIp } from '../../../src-shared/ip.js';
import { HOST_COLOUR } from '../graph/colors.js';
import { nodeLabel } from '../graph/graph-model.js';
import type { CaseEdge } from './case-series.js';

// More than this and the mini graph turns to noise; the Graph view is for the full picture.
const MAX_EDGES = 300;

/**
 * Stretches the layout to fill a panel `aspect` times wider than tall. Sigma fits the graph's
 * larger extent and keeps its proportions, so a layout taller than wide sat as a narrow column in
 * the middle of the wide panel; a few nodes are read by their links, not by exact distances.
 */
function fillPanel(graph: Graph, aspect: number): void {
  const xs = graph.mapNodes((_, a) => a.x as number);
  const ys = graph.mapNodes((_, a) => a.y as number);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (v: number, min: number, max: number) => (max > min ? ((v - min) / (max - min)) * 2 - 1 : 0);
  graph.updateEachNodeAttributes((_, a) => ({
    ...a,
    x: scale(a.x as number, minX, maxX) * aspect,
    y: scale(a.y as number, minY, maxY),
  }));
}

export function buildCaseGraph(
  edges: readonly CaseEdge[],
  indicators: ReadonlySet<string>,
  aspect = 1,
): Graph {
  const graph = new Graph({ type: 'directed', multi: false });
  const kept = edges.slice(0, MAX_EDGES);
  const ips = [...new Set(kept.flatMap((e) => [e.src, e.dst]))];
  // Hosts are named and drawn as in the Graph view: "NAME (host)", in the host colour.
  const hosts = new Set(kept.flatMap((e) => (e.toHost ? [e.dst] : [])));
  // Indicators in any text form mark the address's node (edges name it canonically).
  const marked = new Set([...indicators].map(canonicalIp));
  ips.forEach((ip, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, ips.length);
    const host = hosts.has(ip);
    const indicator = !host && marked.has(ip);
    graph.addNode(ip, {
      x: Math.cos(angle),
      y: Math.sin(angle),
      size: indicator ? 9 : 5,
      label: nodeLabel(ip, host ? 'host' : 'ip'),
      // Sigma hides labels that would overlap; the indicators are what the panel is for.
      forceLabel: indicator,
      color: indicator ? '#e5484d' : host ? HOST_COLOUR : '#6cb6d9',
    });
  });
  for (const e of kept)
    if (e.src !== e.dst)
      graph.mergeEdge(e.src, e.dst, { size: Math.min(6, 1 + Math.log2(e.sessions)), color: '#7a8696' });
  if (graph.order > 2)
    forceAtlas2.assign(graph, { iterations: 60, settings: forceAtlas2.inferSettings(graph) });
  if (graph.order > 1) fillPanel(graph, aspect);
  return graph;
}
