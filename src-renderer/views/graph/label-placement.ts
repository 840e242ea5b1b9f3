// Where each label goes so that none covers another. Sigma picks the nodes that may be labelled
// at the present zoom (its label grid, and forceLabel for the ones that must be) but draws each
// label to the right of its node whatever is there: it has no collision test (too costly for it
// in general, its authors say: jacomyal/sigma.js#891, #1295). On a dense graph the labels of
// neighbouring grid cells ran into one smear. Here the labels Sigma picked are placed in order
// of importance, each in the first free spot around its node, or left out.

import { type Box, BoxIndex } from './box-index.js';

export type { Box };

/** A node drawn on the stage: its centre and drawn radius. */
export interface StageDisc {
  node: string;
  x: number;
  y: number;
  size: number;
}

/** A label Sigma would draw, beside its node's disc. */
export interface LabelCandidate extends StageDisc {
  label: string;
}

export interface PlacedLabel {
  node: string;
  label: string;
  /** The text's box; the text is drawn left-aligned, vertically centred in it. */
  box: Box;
}

export interface Placement {
  /**
   * Labelled first, in this order, beside their node whatever lies there: the hovered and the
   * selected node, whose label the hover layer draws again on a background at that very spot.
   */
  pinned: readonly string[];
  /** Then these, in this order (the important ones); then the rest, larger nodes first. */
  first: readonly string[];
  /** The stage's size: a label is placed where it is seen whole. */
  width: number;
  height: number;
  /** The text's width in px. */
  measure: (label: string) => number;
  /** The text's height in px (Sigma's labelSize). */
  lineHeight: number;
  /**
   * The other nodes on the stage, which get no label: a label avoids covering them where a spot
   * around its node allows, and covers them rather than being left out where none does.
   */
  unlabelled?: readonly StageDisc[];
}

/** Between a node's disc and its label, as Sigma leaves it. */
const GAP = 3;
/** Kept free around every label, so that two never touch. */
const MARGIN = 2;
/** Around a pinned label: the hover layer's background box reaches up to 6 px past the text. */
const PINNED_MARGIN = 8;

/** The spots tried around a node, in this order: right (where Sigma puts it), left, above, below. */
function spots(c: LabelCandidate, width: number, height: number): Box[] {
  const middle = { top: c.y - height / 2, bottom: c.y + height / 2 };
  const centred = { left: c.x - width / 2, right: c.x + width / 2 };
  return [
    { left: c.x + c.size + GAP, right: c.x + c.size + GAP + width, ...middle },
    { left: c.x - c.size - GAP - width, right: c.x - c.size - GAP, ...middle },
    { ...centred, top: c.y - c.size - GAP - height, bottom: c.y - c.size - GAP },
    { ...centred, top: c.y + c.size + GAP, bottom: c.y + c.size + GAP + height },
  ];
}

const inside = (box: Box, width: number, height: number) =>
  box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height;

/** The candidates in the order they are placed: pinned, then `first`, then by size, then by name. */
function byImportance(candidates: readonly LabelCandidate[], placement: Placement): LabelCandidate[] {
  const rank = new Map<string, number>();
  for (const node of [...placement.pinned, ...placement.first])
    if (!rank.has(node)) rank.set(node, rank.size);
  return [...candidates].sort(
    (a, b) =>
      (rank.get(a.node) ?? Infinity) - (rank.get(b.node) ?? Infinity) ||
      b.size - a.size ||
      (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
}

const disc = (c: StageDisc): Box => ({
  left: c.x - c.size,
  top: c.y - c.size,
  right: c.x + c.size,
  bottom: c.y + c.size,
});

/**
 * The labels that fit: each candidate, most important first, takes the first spot around its node
 * that lies on the stage, clear of every label placed before it and of the other candidates' discs
 * (a label over a labelled node would seem to name it); one that finds none is left out. Of those
 * spots it takes the first that also covers no unlabelled node, if one does: on a dense graph
 * most nodes are unlabelled, and avoiding them outright would leave most labels out. A pinned one
 * always keeps the spot right of its node.
 */
export function placeLabels(candidates: readonly LabelCandidate[], placement: Placement): PlacedLabel[] {
  const pinned = new Set(placement.pinned);
  const placed: PlacedLabel[] = [];
  // The labels placed so far and every candidate's disc.
  const taken = new BoxIndex();
  for (const candidate of candidates) taken.add(disc(candidate), 0, candidate.node);
  const crowd = new BoxIndex();
  for (const node of placement.unlabelled ?? []) crowd.add(disc(node), 0, node.node);
  const seen = new Set<string>();
  for (const candidate of byImportance(candidates, placement)) {
    if (seen.has(candidate.node)) continue;
    seen.add(candidate.node);
    const width = placement.measure(candidate.label);
    const around = spots(candidate, width, placement.lineHeight);
    const isPinned = pinned.has(candidate.node);
    const free = (spot: Box) =>
      inside(spot, placement.width, placement.height) && !taken.hits(spot, candidate.node);
    const box = isPinned
      ? around[0]
      : (around.find((spot) => free(spot) && !crowd.hits(spot, candidate.node)) ?? around.find(free));
    if (!box) continue;
    placed.push({ node: candidate.node, label: candidate.label, box });
    taken.add(box, isPinned ? PINNED_MARGIN : MARGIN, candidate.node);
  }
  return placed;
}
