// Writes where the selected IP is drawn onto the stage element after every frame: its position in
// the stage (px), its size (Sigma's node size, before zoom) and colour, and the labels drawn around it. Data attributes the
// e2e tests read to check what an analyst sees (the node clear of the side panel, attackers drawn
// larger than their victims, labels kept few) without reaching into Sigma. Cheap: a few numbers.
import type { PlacedLabel } from './label-placement.js';
import type { GraphRenderer } from './useSigma.js';

export function describeFocus(
  element: HTMLElement,
  sigma: GraphRenderer,
  selected: string | null,
  labels: readonly PlacedLabel[],
): void {
  const data = element.dataset;
  const graph = sigma.getGraph();
  const display = selected === null ? undefined : sigma.getNodeDisplayData(selected);
  if (selected === null || !display || !graph.hasNode(selected)) {
    delete data.focusX;
    delete data.focusY;
    delete data.focusSize;
    delete data.focusColour;
    delete data.focusLabels;
    return;
  }
  const attributes = graph.getNodeAttributes(selected);
  const point = sigma.graphToViewport(attributes);
  data.focusX = point.x.toFixed(0);
  data.focusY = point.y.toFixed(0);
  data.focusSize = attributes.size.toFixed(2);
  data.focusColour = attributes.color;
  // The labels drawn around it, which focus mode keeps few.
  data.focusLabels = labels.map((label) => label.node).join(' ');
}
