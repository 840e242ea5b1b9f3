// The nodes labelled at every zoom while no IP is in focus: the heaviest (the most sessions or
// bytes, both directions: the server everyone talks to, drawn as a dot when sized by what it
// originated, is one) and the ones drawn in the alarm colour. The rest are labelled as the
// analyst zooms in, where Sigma's label grid and label-placement.ts find room.
import { isAlarming } from './colors.js';
import type { IpGraphModel, NodeAttributes } from './graph-model.js';

/** The heaviest nodes labelled whatever the zoom. */
export const HEAVIEST_LABELLED = 8;
/** And the heaviest of those drawn in the alarm colour. */
export const ALARMING_LABELLED = 8;

type Weighed = [node: string, volume: number];

/** Heaviest first; ties by name, so the same graph always labels the same nodes. */
const heavierFirst = (a: Weighed, b: Weighed) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Keeps the `limit` heaviest of what it is offered, heaviest first; one pass, no full sort. */
function heaviest(limit: number) {
  const kept: Weighed[] = [];
  return {
    offer(entry: Weighed) {
      if (kept.length === limit && heavierFirst(entry, kept[limit - 1] as Weighed) >= 0) return;
      kept.push(entry);
      kept.sort(heavierFirst);
      if (kept.length > limit) kept.pop();
    },
    kept,
  };
}

/** The nodes labelled first, most important (heaviest) first. */
export function nodesToLabelFirst(model: IpGraphModel): string[] {
  const all = heaviest(HEAVIEST_LABELLED);
  const alarming = heaviest(ALARMING_LABELLED);
  model.forEachNode((node, attributes: NodeAttributes) => {
    all.offer([node, attributes.volume]);
    if (isAlarming(attributes)) alarming.offer([node, attributes.volume]);
  });
  const union = new Map([...all.kept, ...alarming.kept]);
  return [...union].sort(heavierFirst).map(([node]) => node);
}

/**
 * nodesToLabelFirst, kept until a node comes or goes (a node's volume, score and verdict are set
 * when it is added): one pass over the graph per load or expansion, not per frame.
 */
export function watchNodesToLabelFirst(model: IpGraphModel): {
  /** The nodes, most important first (a Set keeps its order). */
  current: () => ReadonlySet<string>;
  stop: () => void;
} {
  let nodes: Set<string> | null = null;
  const stale = () => {
    nodes = null;
  };
  const events = ['nodeAdded', 'nodeDropped', 'cleared'] as const;
  for (const event of events) model.on(event, stale);
  return {
    current: () => {
      nodes ??= new Set(nodesToLabelFirst(model));
      return nodes;
    },
    stop: () => {
      for (const event of events) model.off(event, stale);
    },
  };
}
