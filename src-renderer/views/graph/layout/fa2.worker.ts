// ForceAtlas2 off the UI thread. A bundled worker file rather than the library's supervisor,
// which builds its worker from a blob: URL that the page's strict CSP (script-src 'self') refuses.
// Ping-pong: each message carries the node matrix in, a few steps run, the matrix goes back, so
// the page decides whether to ask for more (Stop takes effect within one batch).
import iterate from 'graphology-layout-forceatlas2/iterate.js';
import type { LayoutRequest } from './protocol.js';

let edges = new Float32Array(0);

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { settings, nodes: buffer, edges: edgeBuffer, steps } = event.data;
  if (edgeBuffer) edges = new Float32Array(edgeBuffer);
  const nodes = new Float32Array(buffer);
  for (let i = 0; i < steps; i++) iterate(settings, nodes, edges);
  (self as unknown as Worker).postMessage({ nodes: nodes.buffer }, [nodes.buffer]);
};
