// Typings for the two plain-JS parts of graphology-layout-forceatlas2 that we run ourselves.
declare module 'graphology-layout-forceatlas2/iterate.js' {
  import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';
  /** One ForceAtlas2 step over the flat node and edge matrices, in place. */
  export default function iterate(
    settings: Required<ForceAtlas2Settings>,
    nodes: Float32Array,
    edges: Float32Array,
  ): void;
}

declare module 'graphology-layout-forceatlas2/helpers.js' {
  import type Graph from 'graphology';

  type WeightGetter = (edge: string, attributes: Record<string, unknown>) => number;
  export function graphToByteArrays(
    graph: Graph,
    getEdgeWeight: WeightGetter,
  ): { nodes: Float32Array; edges: Float32Array };
  export function assignLayoutChanges(graph: Graph, nodes: Float32Array, outputReducer: null): void;
}
