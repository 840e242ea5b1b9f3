// Which edge a click landed on, found on the CPU at click time. Sigma can find it itself only
// with edge events on, and those cost a picking framebuffer for the edges that is re-created
// and redrawn on every frame, panning included: on software WebGL that halved the frame rate.
// A click is rare; a loop over the visible edges' screen segments costs milliseconds.
import type Sigma from 'sigma';

export interface Point {
  x: number;
  y: number;
}

/** What the hit test reads from Sigma (narrow, so it can be tested without WebGL). */
export interface EdgeHitSource {
  /** Visible edges with their ends and drawn thickness in pixels. */
  forEachVisibleEdge(visit: (edge: string, source: string, target: string, thickness: number) => void): void;
  /** A node's position in viewport pixels, or null when it is not drawn. */
  nodeOnScreen(node: string): Point | null;
}

/** Slack around a drawn line, in pixels: lines are 1–3 px wide and a pointer is not that exact. */
const TOLERANCE_PX = 4;

/** The visible edge nearest to `point` within its half-thickness plus the tolerance, or null. */
export function edgeAtPoint(source: EdgeHitSource, point: Point): string | null {
  const onScreen = new Map<string, Point | null>();
  const position = (node: string) => {
    let p = onScreen.get(node);
    if (p === undefined) {
      p = source.nodeOnScreen(node);
      onScreen.set(node, p);
    }
    return p;
  };
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  source.forEachVisibleEdge((edge, from, to, thickness) => {
    const a = position(from);
    const b = position(to);
    if (!a || !b) return;
    const distance = distanceToSegment(point, a, b);
    if (distance <= thickness / 2 + TOLERANCE_PX && distance < bestDistance) {
      best = edge;
      bestDistance = distance;
    }
  });
  return best;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** The hit-test source of a live Sigma renderer: edges and nodes as Sigma last drew them. */
export function sigmaEdges<N extends object, E extends object>(sigma: Sigma<N, E>): EdgeHitSource {
  return {
    forEachVisibleEdge(visit) {
      sigma.getGraph().forEachEdge((edge, _attributes, source, target) => {
        const data = sigma.getEdgeDisplayData(edge);
        if (data && !data.hidden) visit(edge, source, target, data.size);
      });
    },
    nodeOnScreen(node) {
      const data = sigma.getNodeDisplayData(node);
      return data && !data.hidden ? sigma.framedGraphToViewport(data) : null;
    },
  };
}
