import { describe, expect, it } from 'vitest';
import { type EdgeHitSource, edgeAtPoint, type Point } from '../../../src-renderer/views/graph/edge-hit.js';

/** Three nodes on screen: a (0,0), b (100,0), c (0,100); edges a→b (2 px), a→c (2 px), c→d (d undrawn). */
function screen(hidden: string[] = []): EdgeHitSource & { lookups: number } {
  const nodes: Record<string, Point | null> = {
    a: { x: 0, y: 0 },
    b: { x: 100, y: 0 },
    c: { x: 0, y: 100 },
    d: null,
  };
  const edges: [string, string, string, number][] = [
    ['ab', 'a', 'b', 2],
    ['ac', 'a', 'c', 2],
    ['cd', 'c', 'd', 2],
  ];
  const source = {
    lookups: 0,
    forEachVisibleEdge(visit: (edge: string, s: string, t: string, thickness: number) => void) {
      for (const [edge, s, t, thickness] of edges) if (!hidden.includes(edge)) visit(edge, s, t, thickness);
    },
    nodeOnScreen(node: string) {
      source.lookups++;
      return nodes[node] ?? null;
    },
  };
  return source;
}

describe('edgeAtPoint', () => {
  it('finds the edge under the pointer, with a few pixels of slack', () => {
    expect(edgeAtPoint(screen(), { x: 50, y: 0 })).toBe('ab');
    expect(edgeAtPoint(screen(), { x: 50, y: 4.5 })).toBe('ab');
    expect(edgeAtPoint(screen(), { x: 2, y: 60 })).toBe('ac');
  });

  it('misses beyond the slack, past a segment end, and on hidden or undrawn edges', () => {
    expect(edgeAtPoint(screen(), { x: 50, y: 6 })).toBeNull();
    expect(edgeAtPoint(screen(), { x: 110, y: 0 })).toBeNull();
    expect(edgeAtPoint(screen(['ab']), { x: 50, y: 0 })).toBeNull();
    // c→d would pass through (0, 150) if d were drawn at (0, 200); it is not drawn at all.
    expect(edgeAtPoint(screen(), { x: 0, y: 150 })).toBeNull();
  });

  it('takes the nearer of two edges and looks each node up once', () => {
    const source = screen();
    // Near the shared end a: 1 px from a→b, 3 px from a→c.
    expect(edgeAtPoint(source, { x: 3, y: 1 })).toBe('ab');
    expect(source.lookups).toBe(4);
  });
});
