// The neighbours focus mode names: a busy server has thousands, and labelling them all would hide
// the graph under text, so only the heaviest few get a label and frame the camera.
import type { IpGraphModel } from './graph-model.js';

/** How many neighbours of the focused IP are labelled (and framed by the camera on Find). */
export const LABELLED_NEIGHBOURS = 12;

/** The `limit` neighbours joined to `ip` by the heaviest edges (either direction), heaviest first. */
export function heaviestNeighbours(model: IpGraphModel, ip: string, limit = LABELLED_NEIGHBOURS): string[] {
  if (!model.hasNode(ip)) return [];
  const weights = new Map<string, number>();
  model.forEachEdge(ip, (_edge, attributes, source, target) => {
    const other = source === ip ? target : source;
    if (other !== ip) weights.set(other, (weights.get(other) ?? 0) + attributes.weight);
  });
  // Ties by address, so the same graph always names the same neighbours.
  return [...weights]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([other]) => other);
}
