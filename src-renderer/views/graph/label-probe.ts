// Writes the labels drawn in the last frame onto the stage element after every frame: how many,
// and each one's node and text box (stage px, rounded) as JSON. The e2e tests read it to check
// what an analyst reads (no label covers another, the heaviest node is named) without reaching
// into Sigma. Cheap: the few dozen labels a frame draws.
import type { PlacedLabel } from './label-placement.js';

export function describeLabels(element: HTMLElement, labels: readonly PlacedLabel[]): void {
  element.dataset.labels = String(labels.length);
  element.dataset.labelBoxes = JSON.stringify(
    labels.map(({ node, box }) => ({
      node,
      box: [box.left, box.top, box.right, box.bottom].map((value) => Math.round(value * 10) / 10),
    })),
  );
}
