// Loads the graph for the filter and settings, keeps it in one graphology model that Sigma draws
// and the layout worker moves, and grows it when an IP is expanded.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { EdgeWeight, IpGraph } from '../../../src-shared/graph.js';
import { api } from '../../api/index.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import type { ColourMode } from './colors.js';
import { createGraphModel, mergeGraph, recolour, resize, type SizeMode } from './graph-model.js';
import { LayoutRunner } from './layout/layout-runner.js';
import { seedNearHubs } from './seed-layout.js';

// The layout runs on its own after each load or expansion for a set number of steps (never a set
// time: the same graph then always lands in the same places), then rests. Few steps suffice as
// each IP starts beside its hub (seed-layout.ts); fewer still on big graphs, whose steps cost more
// (150 at 1 600 IPs / 5 000 edges, 82 at 7 200 IPs / 5 000 edges). bench/graph.mjs and the
// graph-layout e2e test print the settle time at 5 000 edges (the target is 3 s).
const AUTO_LAYOUT_STEPS = 150;
const STEP_BUDGET = 1_000_000;
const autoSteps = (order: number, size: number) =>
  Math.max(40, Math.min(AUTO_LAYOUT_STEPS, Math.round(STEP_BUDGET / Math.max(1, order + size))));
// Expanding a hub brings this many of its heaviest edges: enough to reach past those already drawn.
const NEIGHBOUR_LIMIT = 5_000;

export interface GraphSettings {
  filter: SessionFilter;
  weight: EdgeWeight;
  limit: number;
  colour: ColourMode;
  size: SizeMode;
}

interface GraphCounts {
  nodes: number;
  edges: number;
  of: IpGraph | null;
}

export function useGraphModel({ filter, weight, limit, colour, size }: GraphSettings) {
  const model = useMemo(createGraphModel, []);
  const [layoutRunning, setLayoutRunning] = useState(false);
  const runner = useMemo(() => new LayoutRunner(model, setLayoutRunning), [model]);
  // `of`: the answer the counts were taken from; until the model holds a new answer, it is not drawn.
  const [counts, setCounts] = useState<GraphCounts>({ nodes: 0, edges: 0, of: null });
  const [expandError, setExpandError] = useState<string | null>(null);

  useEffect(() => () => runner.kill(), [runner]);

  // New settings show nothing of the old graph while they load; a change of the data (a verdict
  // recolours) keeps the graph on screen until the new answer replaces it.
  const edges = useVigilQuery('graphEdges', { filter, weight, limit }, { keepPrevious: false });
  const graph = edges.data ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: colour and size are applied by their own effects.
  useEffect(() => {
    if (!graph) return;
    runner.kill();
    model.clear();
    mergeGraph(model, graph, colour, size);
    seedNearHubs(model);
    setCounts({ nodes: model.order, edges: model.size, of: graph });
    setExpandError(null);
    runner.graphChanged();
    runner.runSteps(autoSteps(model.order, model.size));
  }, [graph, model, runner]);

  useEffect(() => recolour(model, colour), [model, colour]);
  useEffect(() => resize(model, size), [model, size]);

  const expand = useCallback(
    async (ip: string) => {
      try {
        const around = model.hasNode(ip) ? model.getNodeAttributes(ip) : undefined;
        const data = await api.ipNeighbours({ ip, filter, weight, limit: NEIGHBOUR_LIMIT });
        const added = mergeGraph(model, data, colour, size, around);
        setCounts((current) => ({ ...current, nodes: model.order, edges: model.size }));
        setExpandError(null);
        if (added.nodesAdded + added.edgesAdded > 0) {
          runner.graphChanged();
          runner.runSteps(Math.round(autoSteps(model.order, model.size) / 2));
        }
        return added;
      } catch (error) {
        setExpandError((error as Error).message);
        return null;
      }
    },
    [model, filter, weight, colour, size, runner],
  );

  const toggleLayout = useCallback(() => (runner.isRunning() ? runner.stop() : runner.start()), [runner]);

  // Right after an answer arrives the model still holds the previous one (it is merged in an effect).
  const drawn = graph !== null && counts.of === graph;
  const error = edges.error?.message ?? null;
  return { model, graph, error, drawn, counts, expand, expandError, layoutRunning, toggleLayout };
}
