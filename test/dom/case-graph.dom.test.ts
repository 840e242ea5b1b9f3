// The case's mini graph (issue 18 §7): indicator labels are always drawn, and the layout is
// stretched to the panel's proportions so it fills a wide panel instead of a column in its middle.
import { describe, expect, it } from 'vitest';
import { buildCaseGraph } from '../../src-renderer/views/cases/case-graph-layout.js';

const edges = [
  { src: '203.0.113.7', dst: '10.0.0.5', sessions: 80 },
  { src: '203.0.113.8', dst: '10.0.0.5', sessions: 80 },
  { src: '198.51.100.1', dst: '10.0.0.9', sessions: 1 },
];

describe('the case mini graph', () => {
  it('forces the labels of indicator IPs and leaves the rest to Sigma', () => {
    const graph = buildCaseGraph(edges, new Set(['203.0.113.7', '203.0.113.8']), 3.5);
    expect(graph.filterNodes((_, a) => a.forceLabel === true).sort()).toEqual(['203.0.113.7', '203.0.113.8']);
  });

  it('spreads the nodes over the width and height of the panel', () => {
    const graph = buildCaseGraph(edges, new Set(), 3.5);
    const xs = graph.mapNodes((_, a) => a.x as number);
    const ys = graph.mapNodes((_, a) => a.y as number);
    expect([Math.min(...xs), Math.max(...xs)]).toEqual([-3.5, 3.5]);
    expect([Math.min(...ys), Math.max(...ys)]).toEqual([-1, 1]);
  });
});
