// The column-wise IpGraph from the API as a graphology graph with Sigma's display attributes.
import Graph from 'graphology';
import type { IpGraph } from '../../../src-shared/graph.js';
import { must } from '../../../src-shared/must.js';
import { type ColourMode, scoreColour, verdictColour } from './colors.js';

export interface NodeAttributes {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  volume: number;
  score: number | null;
  verdict: string | null;
}

export interface EdgeAttributes {
  weight: number;
  size: number;
}

export type IpGraphModel = Graph<NodeAttributes, EdgeAttributes>;

const MIN_SIZE = 2;
const MAX_SIZE = 14;

/** Sizes by the square root of volume, so area (what the eye compares) follows volume. */
export function nodeSize(volume: number, maxVolume: number): number {
  return maxVolume > 0 ? MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(volume / maxVolume) : MIN_SIZE;
}

export function nodeColour(mode: ColourMode, attributes: Pick<NodeAttributes, 'score' | 'verdict'>): string {
  return mode === 'score' ? scoreColour(attributes.score) : verdictColour(attributes.verdict);
}

export function createGraphModel(): IpGraphModel {
  return new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed', multi: false, allowSelfLoops: true });
}

/**
 * Adds the API graph's nodes and edges that the model lacks. New nodes start near `around` (an
 * expanded IP) or on a random disc; ForceAtlas2 then moves them.
 */
export function mergeGraph(
  model: IpGraphModel,
  data: IpGraph,
  mode: ColourMode,
  around?: { x: number; y: number },
): { nodesAdded: number; edgesAdded: number } {
  const maxVolume = Math.max(maxOf(data.nodes.volume), maxModelVolume(model));
  const spread = around ? 1 : Math.sqrt(data.nodes.ip.length) * 10;
  let nodesAdded = 0;
  data.nodes.ip.forEach((ip, i) => {
    if (model.hasNode(ip)) return;
    const angle = Math.random() * 2 * Math.PI;
    const radius = spread * Math.sqrt(Math.random());
    const attributes = { score: data.nodes.score[i] ?? null, verdict: data.nodes.verdict[i] ?? null };
    const volume = must(data.nodes.volume[i], 'the volume of a graph node');
    model.addNode(ip, {
      label: ip,
      x: (around?.x ?? 0) + radius * Math.cos(angle),
      y: (around?.y ?? 0) + radius * Math.sin(angle),
      size: nodeSize(volume, maxVolume),
      color: nodeColour(mode, attributes),
      volume,
      ...attributes,
    });
    nodesAdded++;
  });
  let edgesAdded = 0;
  const maxWeight = maxOf(data.edges.weight);
  const nodeIp = (index: number | undefined): string =>
    must(index === undefined ? undefined : data.nodes.ip[index], 'the node an edge names');
  data.edges.weight.forEach((weight, i) => {
    const source = nodeIp(data.edges.source[i]);
    const target = nodeIp(data.edges.target[i]);
    if (model.hasEdge(source, target)) return;
    model.addDirectedEdgeWithKey(`${source}>${target}`, source, target, {
      weight,
      size: 0.5 + 2.5 * Math.sqrt(weight / (maxWeight || 1)),
    });
    edgesAdded++;
  });
  return { nodesAdded, edgesAdded };
}

export function recolour(model: IpGraphModel, mode: ColourMode): void {
  model.updateEachNodeAttributes((_node, attributes) => ({
    ...attributes,
    color: nodeColour(mode, attributes),
  }));
}

function maxOf(values: number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

function maxModelVolume(model: IpGraphModel): number {
  let max = 0;
  model.forEachNode((_node, attributes) => {
    if (attributes.volume > max) max = attributes.volume;
  });
  return max;
}
