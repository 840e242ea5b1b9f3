// One IpGraph answer drawn into a graphology model that Sigma draws and the layout worker moves:
// each new answer replaces the model, seeds every IP beside its hub and runs the fixed-step
// layout. Shared by the local graph (which also grows it by expansion) and a remote source's graph.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { IpGraph } from '../../../src-shared/graph.js';
import type { ColourMode } from './colors.js';
import { countHosts, createGraphModel, mergeGraph, recolour, resize, type SizeMode } from './graph-model.js';
import { LayoutRunner } from './layout/layout-runner.js';
import { seedNearHubs } from './seed-layout.js';

// The layout runs on its own after each load or expansion for a set number of steps (never a set
// time: the same graph then always lands in the same places), then rests. Few steps suffice as
// each IP starts beside its hub (seed-layout.ts); fewer still on big graphs, whose steps cost more
// (150 at 1 600 IPs / 5 000 edges, 82 at 7 200 IPs / 5 000 edges). bench/graph.mjs and the
// graph-layout e2e test print the settle time at 5 000 edges (the target is 3 s).
const AUTO_LAYOUT_STEPS = 150;
const STEP_BUDGET = 1_000_000;
export const autoSteps = (order: number, size: number) =>
  Math.max(40, Math.min(AUTO_LAYOUT_STEPS, Math.round(STEP_BUDGET / Math.max(1, order + size))));

export interface GraphCounts {
  nodes: number;
  /** Of the nodes, those that are hosts, not IPs (the summary counts them apart). */
  hosts: number;
  edges: number;
  /** The answer the counts were taken from; until the model holds a new answer, it is not drawn. */
  of: IpGraph | null;
}

export function useDrawnGraph(graph: IpGraph | null, colour: ColourMode, size: SizeMode) {
  const model = useMemo(createGraphModel, []);
  const [layoutRunning, setLayoutRunning] = useState(false);
  const runner = useMemo(() => new LayoutRunner(model, setLayoutRunning), [model]);
  const [counts, setCounts] = useState<GraphCounts>({ nodes: 0, hosts: 0, edges: 0, of: null });

  useEffect(() => () => runner.kill(), [runner]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: colour and size are applied by their own effects.
  useEffect(() => {
    if (!graph) return;
    runner.kill();
    model.clear();
    mergeGraph(model, graph, colour, size);
    seedNearHubs(model);
    setCounts({ nodes: model.order, hosts: countHosts(model), edges: model.size, of: graph });
    runner.graphChanged();
    runner.runSteps(autoSteps(model.order, model.size));
  }, [graph, model, runner]);

  useEffect(() => recolour(model, colour), [model, colour]);
  useEffect(() => resize(model, size), [model, size]);

  const toggleLayout = useCallback(() => (runner.isRunning() ? runner.stop() : runner.start()), [runner]);

  // Right after an answer arrives the model still holds the previous one (it is merged in an effect).
  const drawn = graph !== null && counts.of === graph;
  return { model, runner, counts, setCounts, drawn, layoutRunning, toggleLayout };
}
