// The case's mini IP graph: its source → destination pairs drawn by Sigma (labels are canvas text,
// never HTML). Small by nature, so the layout runs here rather than in a worker: a circle, then a
// few ForceAtlas2 passes. Indicator IPs are red.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';
import type { CaseEdge } from './case-series.js';

// More than this and the mini graph turns to noise; the Graph view is for the full picture.
const MAX_EDGES = 300;

export function buildCaseGraph(edges: readonly CaseEdge[], indicators: ReadonlySet<string>): Graph {
  const graph = new Graph({ type: 'directed', multi: false });
  const kept = edges.slice(0, MAX_EDGES);
  const ips = [...new Set(kept.flatMap((e) => [e.src, e.dst]))];
  ips.forEach((ip, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, ips.length);
    graph.addNode(ip, {
      x: Math.cos(angle),
      y: Math.sin(angle),
      size: indicators.has(ip) ? 9 : 5,
      label: ip,
      color: indicators.has(ip) ? '#e5484d' : '#6cb6d9',
    });
  });
  for (const e of kept)
    if (e.src !== e.dst)
      graph.mergeEdge(e.src, e.dst, { size: Math.min(6, 1 + Math.log2(e.sessions)), color: '#7a8696' });
  if (graph.order > 2)
    forceAtlas2.assign(graph, { iterations: 60, settings: forceAtlas2.inferSettings(graph) });
  return graph;
}

export function CaseGraph({
  edges,
  indicators,
}: {
  edges: readonly CaseEdge[];
  indicators: ReadonlySet<string>;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || !edges.length) return;
    const element = box.current;
    const text = getComputedStyle(document.documentElement).getPropertyValue('--text').trim() || '#d6dde6';
    let sigma: Sigma | null = null;
    try {
      sigma = new Sigma(buildCaseGraph(edges, indicators), element, {
        labelColor: { color: text },
        labelRenderedSizeThreshold: 4,
        defaultEdgeType: 'arrow',
        // Room for the labels of nodes the layout puts at the edge.
        stagePadding: 70,
      });
      // The first frame is drawn inside the constructor; later ones report themselves.
      element.dataset.state = 'drawn';
      sigma.on('afterRender', () => {
        element.dataset.state = 'drawn';
      });
    } catch (error) {
      // No WebGL (an old GPU, a locked-down VM): say so instead of an empty box.
      element.dataset.state = 'error';
      element.textContent = `The graph cannot be drawn here: ${(error as Error).message}`;
    }
    return () => sigma?.kill();
  }, [edges, indicators]);
  if (!edges.length) return <p className="muted">No IP pairs to draw yet.</p>;
  return <div className="case-graph" ref={box} data-testid="case-graph" data-nodes={edges.length} />;
}
