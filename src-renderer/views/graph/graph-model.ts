// The column-wise IpGraph from the API as a graphology graph with Sigma's display attributes.
import Graph from 'graphology';
import { hostOfNode, type IpGraph, type NodeKind } from '../../../src-shared/graph.js';
import { must } from '../../../src-shared/must.js';
import { type ColourMode, HOST_COLOUR, scoreColour, verdictColour } from './colors.js';

export interface NodeAttributes {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  volume: number;
  /** The weight of the edges it is the source of, within the filter. */
  originated: number;
  score: number | null;
  verdict: string | null;
  /** `host`: a site requests asked for, not an IP; drawn in HOST_COLOUR and labelled as a host. */
  kind?: NodeKind;
}

export interface EdgeAttributes {
  weight: number;
  size: number;
}

export type IpGraphModel = Graph<NodeAttributes, EdgeAttributes>;

const MIN_SIZE = 2;
const MAX_SIZE = 14;

/**
 * What a node's size shows: what it originated (the default: attackers originate, the servers they
 * hit mostly receive, so sized by all traffic the victims were the big discs), or all its traffic.
 */
export type SizeMode = 'originated' | 'volume';

/** Sizes by the square root of the measure, so area (what the eye compares) follows it. */
export function nodeSize(measure: number, maxMeasure: number): number {
  return maxMeasure > 0 ? MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(measure / maxMeasure) : MIN_SIZE;
}

const measureOf = (mode: SizeMode, attributes: Pick<NodeAttributes, 'volume' | 'originated'>) =>
  mode === 'originated' ? attributes.originated : attributes.volume;

export function nodeColour(
  mode: ColourMode,
  attributes: Pick<NodeAttributes, 'score' | 'verdict' | 'kind'>,
): string {
  if (attributes.kind === 'host') return HOST_COLOUR;
  return mode === 'score' ? scoreColour(attributes.score) : verdictColour(attributes.verdict);
}

/** What a node says it is: an IP by its address, a host by its name and the word "host". */
export const nodeLabel = (name: string, kind: NodeKind) =>
  kind === 'host' ? `${hostOfNode(name)} (host)` : name;

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
  size: SizeMode,
  around?: { x: number; y: number },
): { nodesAdded: number; edgesAdded: number } {
  const spread = around ? 1 : Math.sqrt(data.nodes.ip.length) * 10;
  let nodesAdded = 0;
  data.nodes.ip.forEach((ip, i) => {
    if (model.hasNode(ip)) return;
    // Seeded by the address: the same IPs start, and so settle, in the same places on every visit.
    const start = seededPoint(ip);
    const angle = start.angle;
    const radius = spread * Math.sqrt(start.radius);
    const kind = data.nodes.kind?.[i] ?? 'ip';
    const attributes = { score: data.nodes.score[i] ?? null, verdict: data.nodes.verdict[i] ?? null, kind };
    model.addNode(ip, {
      label: nodeLabel(ip, kind),
      x: (around?.x ?? 0) + radius * Math.cos(angle),
      y: (around?.y ?? 0) + radius * Math.sin(angle),
      size: MIN_SIZE,
      color: nodeColour(mode, attributes),
      volume: must(data.nodes.volume[i], 'the volume of a graph node'),
      originated: must(data.nodes.originated[i], 'what a graph node originated'),
      ...attributes,
    });
    nodesAdded++;
  });
  // New nodes can raise the largest measure: every node is sized again against it.
  if (nodesAdded > 0) resize(model, size);
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

/** The host nodes of the model (requests without a server IP end at them): they are no IPs. */
export function countHosts(model: IpGraphModel): number {
  let hosts = 0;
  model.forEachNode((_node, attributes) => {
    if (attributes.kind === 'host') hosts++;
  });
  return hosts;
}

/** Sizes every node by the measure against the largest in the model. */
export function resize(model: IpGraphModel, mode: SizeMode): void {
  let max = 0;
  model.forEachNode((_node, attributes) => {
    max = Math.max(max, measureOf(mode, attributes));
  });
  model.updateEachNodeAttributes((_node, attributes) => ({
    ...attributes,
    size: nodeSize(measureOf(mode, attributes), max),
  }));
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

/**
 * A point of the unit disc picked by the address alone: an angle, and a radius fraction to take
 * the square root of (uniform over the disc's area). Two hashes of the text, not a seeded PRNG
 * library: two numbers per IP is all it takes.
 */
export function seededPoint(ip: string): { angle: number; radius: number } {
  return { angle: unitHash(ip, 0x811c9dc5) * 2 * Math.PI, radius: unitHash(ip, 0x2545f491) };
}

/** FNV-1a from a given basis, then MurmurHash3's finaliser so that similar addresses spread apart; in [0, 1). */
function unitHash(text: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}
