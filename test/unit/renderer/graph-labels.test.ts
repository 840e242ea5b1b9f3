// Where the graph's labels go (label-placement.ts) and which nodes are labelled first
// (label-priority.ts): labels never overlap, the important ones take their spot first, a crowded
// one moves to the other side of its node or is left out, it keeps off unlabelled nodes where it
// can, and the heaviest and alarming nodes lead the order.
import { describe, expect, it } from 'vitest';
import { BoxIndex } from '../../../src-renderer/views/graph/box-index.js';
import { createGraphModel } from '../../../src-renderer/views/graph/graph-model.js';
import {
  type LabelCandidate,
  type Placement,
  placeLabels,
} from '../../../src-renderer/views/graph/label-placement.js';
import {
  HEAVIEST_LABELLED,
  nodesToLabelFirst,
  watchNodesToLabelFirst,
} from '../../../src-renderer/views/graph/label-priority.js';

/** 10 px per character, 14 px high, on a 1 000 × 600 stage. */
const stage = (order: Partial<Placement> = {}): Placement => ({
  pinned: [],
  first: [],
  width: 1000,
  height: 600,
  measure: (label) => label.length * 10,
  lineHeight: 14,
  ...order,
});

const at = (node: string, x: number, y: number, size = 4): LabelCandidate => ({
  node,
  label: node,
  x,
  y,
  size,
});

describe('placing labels', () => {
  it('puts a lone label right of its node, as Sigma does', () => {
    const [placed] = placeLabels([at('10.0.0.1', 100, 100)], stage());
    expect(placed?.box).toEqual({ left: 107, right: 187, top: 93, bottom: 107 });
  });

  it('moves a label that would cover another label to the other side of its node', () => {
    // Both labels would start at x 107; b's, 10 px lower, would run over a's.
    const placed = placeLabels([at('aaaaaa', 100, 100), at('bbbbbb', 100, 110)], stage());
    expect(placed.map((label) => [label.node, label.box.left, label.box.right])).toEqual([
      ['aaaaaa', 107, 167],
      ['bbbbbb', 33, 93],
    ]);
  });

  it('moves a label that would run over another labelled node, which it would seem to name', () => {
    const placed = placeLabels([at('aaaaaa', 100, 100), at('b', 130, 100)], stage());
    expect(placed.map((label) => [label.node, label.box.left, label.box.right])).toEqual([
      ['aaaaaa', 33, 93],
      ['b', 137, 147],
    ]);
  });

  it('places the important labels first: they keep their spot, the others give way', () => {
    // Both would be labelled right of their node, the larger one's label over the other's.
    const crowd = [at('first', 100, 100, 2), at('big', 90, 110, 8)];
    const spots = (placed: ReturnType<typeof placeLabels>) =>
      Object.fromEntries(placed.map((label) => [label.node, [label.box.left, label.box.top]]));
    // Ranked first, the small node keeps the right; the larger one's label goes to its left.
    expect(spots(placeLabels(crowd, stage({ first: ['first'] })))).toEqual({
      first: [105, 93],
      big: [49, 103],
    });
    // Unranked, the larger node is labelled first, and the small one's label moves above it.
    expect(spots(placeLabels(crowd, stage()))).toEqual({ big: [101, 103], first: [75, 81] });
  });

  it('keeps a pinned label (hovered, selected) right of its node even over the stage edge', () => {
    const placed = placeLabels([at('10.0.0.1', 990, 300)], stage({ pinned: ['10.0.0.1'] }));
    expect(placed[0]?.box.left).toBe(997);
    // Unpinned, it goes left of its node, where it is seen whole.
    const moved = placeLabels([at('10.0.0.1', 990, 300)], stage());
    expect(moved[0]?.box.right).toBe(983);
  });

  it('leaves out a label that finds no free spot', () => {
    // On a strip 20 px high: a's label would cover b's node at its right, and there is no room
    // left of a, above or below.
    const placed = placeLabels(
      [at('aaaaaaaaaa', 10, 10), at('b', 30, 12)],
      stage({ width: 200, height: 20 }),
    );
    expect(placed.map((label) => label.node)).toEqual(['b']);
  });

  it('keeps off an unlabelled node where another spot around its own node is clear', () => {
    // A dot 30 px right of a: a's label would cover it on the right, so it goes left.
    const dot = { node: 'dot', x: 130, y: 100, size: 2 };
    const placed = placeLabels([at('aaaaaa', 100, 100)], stage({ unlabelled: [dot] }));
    expect(placed.map((label) => [label.box.left, label.box.right])).toEqual([[33, 93]]);
    // Without the dot it stays right, where Sigma puts it.
    expect(placeLabels([at('aaaaaa', 100, 100)], stage())[0]?.box.left).toBe(107);
  });

  it('covers unlabelled nodes rather than leave a label out when every spot would', () => {
    // Dots on all four sides of a: the label stays right of its node, over the dot there.
    const dots = [
      { node: 'r', x: 130, y: 100, size: 2 },
      { node: 'l', x: 70, y: 100, size: 2 },
      { node: 't', x: 100, y: 85, size: 2 },
      { node: 'b', x: 100, y: 115, size: 2 },
    ];
    const placed = placeLabels([at('aaaaaa', 100, 100)], stage({ unlabelled: dots }));
    expect(placed.map((label) => [label.node, label.box.left])).toEqual([['aaaaaa', 107]]);
  });

  it('lets a pinned label cover an unlabelled node: it keeps the spot right of its node', () => {
    const dot = { node: 'dot', x: 130, y: 100, size: 2 };
    const placed = placeLabels([at('aaaaaa', 100, 100)], stage({ pinned: ['aaaaaa'], unlabelled: [dot] }));
    expect(placed[0]?.box.left).toBe(107);
  });
});

describe('the box index the placement asks', () => {
  it('finds a box across cells and within its margin, never its own owner', () => {
    const index = new BoxIndex();
    // At the edge of a 64 px cell, kept 8 px free around it.
    index.add({ left: 40, top: 0, right: 60, bottom: 10 }, 8, 'a');
    const near = { left: 66, top: 0, right: 80, bottom: 10 };
    expect(index.hits(near, 'b')).toBe(true);
    expect(index.hits(near, 'a')).toBe(false);
    expect(index.hits({ left: 70, top: 0, right: 80, bottom: 10 }, 'b')).toBe(false);
    // Far off the stage, every box falls in the outermost cells and is still found.
    index.add({ left: 90_000, top: -90_000, right: 90_010, bottom: -89_990 }, 0, 'far');
    expect(index.hits({ left: 90_005, top: -89_995, right: 90_020, bottom: -89_980 }, 'b')).toBe(true);
  });
});

describe('the nodes labelled first', () => {
  const model = createGraphModel();
  const node = (name: string, volume: number, score: number | null = null, verdict: string | null = null) =>
    model.addNode(name, {
      label: name,
      x: 0,
      y: 0,
      size: 2,
      color: '#000',
      volume,
      originated: 0,
      score,
      verdict,
    });
  for (let i = 0; i < 30; i++) node(`10.0.0.${i}`, 100 + i);
  node('192.0.2.1', 1, 0.95);
  node('192.0.2.2', 2, null, 'malicious');
  node('192.0.2.3', 3, 0.5);

  it('are the heaviest and the alarming ones, heaviest first', () => {
    const first = nodesToLabelFirst(model);
    expect(first.slice(0, HEAVIEST_LABELLED)).toEqual(
      Array.from({ length: HEAVIEST_LABELLED }, (_, i) => `10.0.0.${29 - i}`),
    );
    expect(first.slice(HEAVIEST_LABELLED)).toEqual(['192.0.2.2', '192.0.2.1']);
  });

  it('are found again when nodes come and go, not before', () => {
    const watch = watchNodesToLabelFirst(model);
    const before = watch.current();
    expect(watch.current()).toBe(before);
    node('198.51.100.1', 1_000);
    expect([...watch.current()][0]).toBe('198.51.100.1');
    watch.stop();
  });
});
