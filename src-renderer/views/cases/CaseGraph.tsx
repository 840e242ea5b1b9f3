// The case's mini IP graph: its source → destination pairs drawn by Sigma (labels are canvas text,
// never HTML), laid out by case-graph-layout.ts to the panel's shape.
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';
import { buildCaseGraph } from './case-graph-layout.js';
import type { CaseEdge } from './case-series.js';

// Room around the drawing for the nodes and labels the layout puts at the edge.
const PADDING = 36;

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
      // Sigma stretches a graph at most as far as the panel's own proportions (its correction
      // ratio is capped by them), so that is the shape the layout takes.
      const aspect = element.clientHeight > 0 ? element.clientWidth / element.clientHeight : 1;
      sigma = new Sigma(buildCaseGraph(edges, indicators, aspect), element, {
        labelColor: { color: text },
        labelRenderedSizeThreshold: 4,
        defaultEdgeType: 'arrow',
        stagePadding: PADDING,
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
