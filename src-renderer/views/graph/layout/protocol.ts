import type { ForceAtlas2Settings } from 'graphology-layout-forceatlas2';

/** Page → layout worker: the node matrix (transferred), and the edges the first time. */
export interface LayoutRequest {
  settings: Required<ForceAtlas2Settings>;
  nodes: ArrayBuffer;
  edges?: ArrayBuffer;
  steps: number;
}

/** Layout worker → page: the node matrix after the steps. */
export interface LayoutReply {
  nodes: ArrayBuffer;
}
