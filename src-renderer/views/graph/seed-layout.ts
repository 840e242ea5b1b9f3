// Where a loaded graph starts before ForceAtlas2 moves it. Traffic graphs are a few hubs (servers)
// and many IPs that talk to one or two of them; ForceAtlas2 from scattered points spends most of
// its steps pulling each of those to its hub. Starting them beside their busiest neighbour leaves
// it little to do, so fewer steps settle the graph. Offsets come from the address (seededPoint):
// the same graph always starts, and so settles, the same way.
import { type IpGraphModel, seededPoint } from './graph-model.js';

/** How far from its hub an IP starts, as a share of the hubs' spread. */
const NEAR = 0.08;

export function seedNearHubs(model: IpGraphModel): void {
  // Busiest first (ties by address), so a node's hub has its place before the node does.
  const order = model
    .nodes()
    .sort((a, b) => model.degree(b) - model.degree(a) || (a < b ? -1 : a > b ? 1 : 0));
  const spread = Math.sqrt(model.order) * 10;
  for (const node of order) {
    let hub: string | null = null;
    let hubDegree = model.degree(node);
    model.forEachNeighbor(node, (other) => {
      const degree = model.degree(other);
      if (degree > hubDegree || (degree === hubDegree && hub !== null && other < hub)) {
        hub = other;
        hubDegree = degree;
      }
    });
    if (hub === null) continue;
    const at = model.getNodeAttributes(hub);
    const { angle, radius } = seededPoint(node);
    const distance = spread * NEAR * (0.3 + Math.sqrt(radius));
    model.mergeNodeAttributes(node, {
      x: at.x + distance * Math.cos(angle),
      y: at.y + distance * Math.sin(angle),
    });
  }
}
