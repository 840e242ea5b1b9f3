// Loads the graph for the filter and settings, draws it (useDrawnGraph.ts) and grows it when an
// IP is expanded.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionFilter } from '../../../src-shared/domain.js';
import type { EdgeWeight } from '../../../src-shared/graph.js';
import { api } from '../../api/index.js';
import { useVigilQuery } from '../../data/vigil-query.js';
import type { ColourMode } from './colors.js';
import { countHosts, mergeGraph, type SizeMode } from './graph-model.js';
import { autoSteps, useDrawnGraph } from './useDrawnGraph.js';

// Expanding a hub brings this many of its heaviest edges: enough to reach past those already drawn.
const NEIGHBOUR_LIMIT = 5_000;

export interface GraphSettings {
  filter: SessionFilter;
  weight: EdgeWeight;
  limit: number;
  colour: ColourMode;
  size: SizeMode;
}

/** An expansion asked under a filter or weight no longer drawn: dropped, not merged. */
export const SUPERSEDED = 'superseded';

export function useGraphModel({ filter, weight, limit, colour, size }: GraphSettings) {
  // New settings show nothing of the old graph while they load; a change of the data (a verdict
  // recolours) keeps the graph on screen until the new answer replaces it.
  const edges = useVigilQuery('graphEdges', { filter, weight, limit }, { keepPrevious: false });
  const graph = edges.data ?? null;
  const { model, runner, counts, setCounts, drawn, layoutRunning, toggleLayout } = useDrawnGraph(
    graph,
    colour,
    size,
  );
  const [expandError, setExpandError] = useState<string | null>(null);
  // A new answer clears the error of an expansion of the old one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the new answer is the trigger.
  useEffect(() => setExpandError(null), [graph]);
  // The question the graph answers. Neighbours asked under another filter or weight (changed while
  // they were on their way) would draw edges the new filter leaves out: they are dropped. The same
  // question's answer arriving meanwhile (a search made while the graph loads) keeps them.
  const question = JSON.stringify({ filter, weight });
  const current = useRef(question);
  current.current = question;
  // Expansions on their way: the view says how many, so a test knows when one has been taken in.
  const [expanding, setExpanding] = useState(0);

  const expand = useCallback(
    async (ip: string) => {
      const asked = question;
      setExpanding((n) => n + 1);
      try {
        const around = model.hasNode(ip) ? model.getNodeAttributes(ip) : undefined;
        const data = await api.ipNeighbours({ ip, filter, weight, limit: NEIGHBOUR_LIMIT });
        if (current.current !== asked) return SUPERSEDED;
        const added = mergeGraph(model, data, colour, size, around);
        setCounts((current) => ({
          ...current,
          nodes: model.order,
          hosts: countHosts(model),
          edges: model.size,
        }));
        setExpandError(null);
        if (added.nodesAdded + added.edgesAdded > 0) {
          runner.graphChanged();
          runner.runSteps(Math.round(autoSteps(model.order, model.size) / 2));
        }
        return added;
      } catch (error) {
        if (current.current !== asked) return SUPERSEDED;
        setExpandError((error as Error).message);
        return null;
      } finally {
        setExpanding((n) => n - 1);
      }
    },
    [model, filter, weight, question, colour, size, runner, setCounts],
  );

  const error = edges.error?.message ?? null;
  return { model, graph, error, drawn, counts, expand, expanding, expandError, layoutRunning, toggleLayout };
}
