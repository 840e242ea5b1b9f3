// Writes the box the nodes are drawn in onto the stage element after every frame: the on-screen
// rectangle (px, in the stage) holding every node's centre. The e2e tests read it to check what an
// analyst sees (no node starts under the legend) without reaching into Sigma. Cheap: two corners
// of the extent Sigma keeps, not a pass over the nodes.
import type { GraphRenderer } from './useSigma.js';

export function describeNodeBox(element: HTMLElement, sigma: GraphRenderer): void {
  const { x, y } = sigma.getBBox();
  if (!Number.isFinite(x[0]) || !Number.isFinite(y[0])) {
    delete element.dataset.nodeBox;
    return;
  }
  const a = sigma.graphToViewport({ x: x[0], y: y[0] });
  const b = sigma.graphToViewport({ x: x[1], y: y[1] });
  const box = [Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y)];
  element.dataset.nodeBox = box.map((value) => value.toFixed(0)).join(' ');
}
