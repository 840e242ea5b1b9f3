import '../../styles/sources.css';
import '../../styles/table.css';
import '../graph/graph.css';
// The IP graph of a remote source: its heaviest address pairs for the filter, summed by the engine
// (sourceGraphEdges: GROUP BY source, destination over the whole table), drawn with the local
// graph's Sigma drawing and seeded layout. What needs the sessions themselves (the IP drill-down,
// expansion, scores and verdicts) is the workspace's: a click on a node offers the filter and the
// pull instead.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EdgeWeight } from '../../../src-shared/graph.js';
import { formatBytes, formatCount } from '../../format.js';
import { useSessionFilter } from '../../state/filter.js';
import { useTheme } from '../../state/theme.js';
import { graphPalette } from '../graph/colors.js';
import { describeFocus } from '../graph/focus-probe.js';
import { graphSummary } from '../graph/graph-summary.js';
import { describeLabels } from '../graph/label-probe.js';
import { useDrawnGraph } from '../graph/useDrawnGraph.js';
import { type SigmaHandlers, useSigma, type ViewState } from '../graph/useSigma.js';
import { PullDialog } from './PullDialog.js';
import { RemoteBanner } from './RemoteBanner.js';
import { RemoteEdgeTable } from './RemoteEdgeTable.js';
import { RemoteNodePanel } from './RemoteNodePanel.js';
import { useSourceQuery } from './useSourceQuery.js';

// Fewer than the local graph's 5 000: every edge is a group of the engine's GROUP BY, sent whole.
const LIMIT = 2_000;

export function RemoteGraph({ source }: { source: string }) {
  const filter = useSessionFilter();
  const [weight, setWeight] = useState<EdgeWeight>('sessions');
  const [pulling, setPulling] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const query = useSourceQuery('sourceGraphEdges', { source, filter, weight, limit: LIMIT, minWeight: 0 });
  const graph = query.result.data ?? null;
  // The engine knows no scores or verdicts: every node is drawn unscored.
  const { model, runner, counts, setCounts, drawn, layoutRunning } = useDrawnGraph(
    graph,
    'score',
    'originated',
  );
  // Not asked (a term the source cannot answer): the drawing of the filter before is not this one's.
  useEffect(() => {
    if (!query.refusal) return;
    runner.kill();
    model.clear();
    setCounts({ nodes: 0, hosts: 0, edges: 0, of: null });
  }, [query.refusal, model, runner, setCounts]);
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<ViewState>({ minWeight: 0, visible: null, selected: null });
  const theme = useTheme();
  const palette = useMemo(() => graphPalette(theme), [theme]);
  const select = (name: string | null) => {
    setSelected(name);
    view.current.selected = name;
    handle.current?.relight();
  };
  const handlers: SigmaHandlers = {
    onNode: select,
    // Expansion reads the workspace's sessions; a remote node has none there.
    onExpand: () => undefined,
    onEdge: () => undefined,
    // Written straight to the DOM, as the local graph does: the e2e waits on drawn frames.
    onRender: () => {
      const element = container.current;
      if (!element) return;
      element.dataset.frames = String(Number(element.dataset.frames ?? 0) + 1);
      if (!handle.current) return;
      const labels = handle.current.placedLabels();
      describeFocus(element, handle.current.sigma, view.current.selected, labels);
      describeLabels(element, labels);
    },
  };
  const handle = useSigma(container, model, view, handlers, palette);
  const isHost = (name: string) => model.hasNode(name) && model.getNodeAttribute(name, 'kind') === 'host';

  const state = !graph
    ? query.result.error || query.cancelled || query.refusal
      ? 'error'
      : 'loading'
    : !drawn
      ? 'loading'
      : counts.edges === 0
        ? 'empty'
        : 'ready';
  const measure = weight === 'bytes' ? 'Bytes' : 'Sessions';
  return (
    <div className="view graph-view remote-graph" data-testid="view-graph" data-remote={source}>
      <header className="view-head graph-head">
        <h1>IP graph</h1>
        <p className="muted" data-testid="graph-summary">
          {graph && state === 'ready' ? graphSummary(counts, graph) : ' '}
        </p>
      </header>
      <RemoteBanner source={source} query={query} what="the graph's edges" onPull={() => setPulling(true)} />
      <div className="graph-toolbar">
        <label className="field-row">
          <span className="muted">Weight</span>
          <select
            value={weight}
            onChange={(event) => setWeight(event.target.value as EdgeWeight)}
            data-testid="graph-weight"
          >
            <option value="sessions">Sessions</option>
            <option value="bytes">Bytes</option>
          </select>
        </label>
      </div>
      <div className="graph-main">
        <div className="graph-stage">
          <div
            ref={container}
            className="graph-canvas"
            data-testid="graph-canvas"
            data-state={state}
            data-nodes={counts.nodes}
            data-edges={counts.edges}
            data-layout={layoutRunning ? 'running' : 'stopped'}
          />
          {state === 'loading' && <p className="graph-overlay">Asking {source} for the graph…</p>}
          {query.refusal && !graph && (
            <p className="graph-overlay" data-testid="graph-not-drawn">
              Nothing was drawn: the filter has a term {source} cannot answer (above).
            </p>
          )}
          {state === 'empty' && (
            <p className="graph-overlay" data-testid="graph-empty">
              No connections in this filter on {source}.
            </p>
          )}
          {graph && (
            <div className="graph-legend" data-testid="graph-legend">
              <p>Colour: not scored — scores and verdicts are the workspace's; pull the slice for them</p>
              <p className="muted">Size: {measure.toLowerCase()} it originated · edge width: weight</p>
            </div>
          )}
        </div>
        {selected && (
          <RemoteNodePanel
            key={selected}
            name={selected}
            host={isHost(selected)}
            onPull={() => setPulling(true)}
            onClose={() => select(null)}
          />
        )}
      </div>
      {graph && (
        <RemoteEdgeTable
          graph={graph}
          format={weight === 'bytes' ? formatBytes : formatCount}
          measure={measure}
          onSelect={select}
        />
      )}
      {pulling && <PullDialog source={source} onClose={() => setPulling(false)} />}
    </div>
  );
}
