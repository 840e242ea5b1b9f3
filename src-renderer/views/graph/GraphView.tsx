// The IP graph: who talks to whom within the filter, sized by volume and coloured by anomaly
// score or verdict, with a drill-down per IP and the sessions behind each edge.
import './graph.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { addressTexts } from '../../../src-shared/ip.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { useFilterAddress } from '../../hooks/useFilterAddress.js';
import { useSessionFilter } from '../../state/filter.js';
import { useTheme } from '../../state/theme.js';
import { focusCamera, revealNode, visibleArea } from './camera.js';
import { graphPalette } from './colors.js';
import { EdgePanel } from './EdgePanel.js';
import { heaviestNeighbours } from './focus-neighbours.js';
import { describeFocus } from './focus-probe.js';
import { GraphLegend } from './GraphLegend.js';
import { GraphToolbar, minWeightAt, type ToolbarState } from './GraphToolbar.js';
import { graphSummary } from './graph-summary.js';
import { IpPanel } from './IpPanel.js';
import { describeLabels } from './label-probe.js';
import { describeNodeBox } from './node-box-probe.js';
import { useWantedIp } from './open-in-graph.js';
import { SUPERSEDED, useGraphModel } from './useGraphModel.js';
import { type SigmaHandlers, useSigma, type ViewState } from './useSigma.js';

type Selection = { kind: 'ip'; ip: string } | { kind: 'edge'; src: string; dst: string } | null;

export function GraphView() {
  // The shell's global filter (time range + filter language) narrows the graph like every view.
  const filter = useSessionFilter();
  useFilterAddress('#/graph');
  const [settings, setSettings] = useState<ToolbarState>({
    weight: 'sessions',
    colour: 'score',
    size: 'originated',
    limit: 5_000,
    minStep: 0,
  });
  const { model, graph, error, drawn, counts, expand, expanding, expandError, layoutRunning, toggleLayout } =
    useGraphModel({
      filter,
      weight: settings.weight,
      limit: settings.limit,
      colour: settings.colour,
      size: settings.size,
    });
  const [selection, setSelection] = useState<Selection>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<ViewState>({ minWeight: 0, visible: null, selected: null });
  const theme = useTheme();
  const palette = useMemo(() => graphPalette(theme), [theme]);

  // Edges arrive heaviest first.
  const maxWeight = graph?.edges.weight[0] ?? 0;
  const minWeight = minWeightAt(settings.minStep, maxWeight);

  // How the camera answers the next IP selection, once its panel is on screen: Find frames the IP
  // and its heaviest neighbours; a click only pans, and only if the panel would cover the IP.
  const cameraMove = useRef<'find' | 'reveal'>('reveal');
  // A host node (requests without a server IP end at their host) has no IP drill-down: selecting
  // it lights its clients and says where its requests are.
  const isHost = useCallback(
    (name: string) => model.hasNode(name) && model.getNodeAttribute(name, 'kind') === 'host',
    [model],
  );
  const select = useCallback(
    (ip: string, move: 'find' | 'reveal' = 'reveal') => {
      cameraMove.current = move;
      setSelection({ kind: 'ip', ip });
      setNotice(
        isHost(ip)
          ? `${ip} is a host the requests asked for, not an IP: click an edge for a client's requests to it, double-click for all its clients.`
          : null,
      );
    },
    [isHost],
  );
  const handlers: SigmaHandlers = {
    onNode: (ip) => select(ip),
    onExpand: (ip) => void expand(ip),
    onEdge: (src, dst) => setSelection({ kind: 'edge', src, dst }),
    // Written straight to the DOM: a React render per frame would cost more than the frame.
    onRender: () => {
      const element = container.current;
      if (!element) return;
      element.dataset.frames = String(Number(element.dataset.frames ?? 0) + 1);
      if (!handle.current) return;
      const labels = handle.current.placedLabels();
      describeFocus(element, handle.current.sigma, view.current.selected, labels);
      describeLabels(element, labels);
      describeNodeBox(element, handle.current.sigma);
    },
  };
  const handle = useSigma(container, model, view, handlers, palette);

  // Selection and minimum weight reach Sigma through `view`, then one redraw.
  useEffect(() => {
    view.current.selected = selection?.kind === 'ip' ? selection.ip : null;
    view.current.minWeight = minWeight;
    view.current.visible = minWeight > 0 ? nodesWithEdgeAtLeast(model, minWeight) : null;
    handle.current?.relight();
  }, [selection, minWeight, model, handle]);

  // The node of an address typed in another text form than its log wrote (capitals, full IPv6
  // groups, IPv4-mapped): the form the graph holds. Asked as typed, a drawn IP was said to have
  // no connection.
  const drawnAs = (typed: string) => addressTexts(typed).find((form) => model.hasNode(form));
  const find = async (typed: string) => {
    if (container.current) delete container.current.dataset.focused;
    let ip = drawnAs(typed) ?? typed;
    if (!model.hasNode(ip)) {
      // Not among the heaviest edges: bring in its own neighbourhood first.
      const added = await expand(ip);
      // Asked under a filter since replaced: this search is no longer the analyst's.
      if (added === SUPERSEDED) return;
      ip = drawnAs(typed) ?? typed;
      if (!added || !model.hasNode(ip)) {
        // A session with neither a destination IP, nor a host, nor a server's answer (a flow
        // record without its far end) makes no edge; its drill-down (the profile, requests and
        // rule hits) still stands, without a node to focus.
        setSelection({ kind: 'ip', ip });
        return setNotice(`${ip} has no connection in this filter: its details are shown without a node.`);
      }
    }
    select(ip, 'find');
  };

  // Runs after the panel for the selection is on screen, so the camera knows what it covers; a
  // frame later, so nodes an expansion just added have display data.
  useEffect(() => {
    if (selection?.kind !== 'ip') return;
    const { ip } = selection;
    const move = cameraMove.current;
    cameraMove.current = 'reveal';
    const frame = requestAnimationFrame(async () => {
      const sigma = handle.current?.sigma;
      const stage = container.current;
      if (!sigma || !stage) return;
      const visible = visibleArea(stage);
      if (move === 'reveal') return void (await revealNode(sigma, ip, visible));
      if (await focusCamera(sigma, ip, heaviestNeighbours(model, ip), visible)) stage.dataset.focused = ip;
    });
    return () => cancelAnimationFrame(frame);
  }, [selection, model, handle]);

  // Escape closes the drill-down or the edge panel, as it closes the Sessions drawer; not while the
  // analyst types (the search box and the filter have their own Escape).
  useEffect(() => {
    if (!selection) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || typingIn(event.target)) return;
      setSelection(null);
      setNotice(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selection]);

  // A new filter redraws the graph: an edge panel whose edge is no longer drawn closes (one that
  // still is lists the edge's sessions in the new filter).
  useEffect(() => {
    if (drawn && selection?.kind === 'edge' && !model.hasEdge(selection.src, selection.dst))
      setSelection(null);
  }, [drawn, selection, model]);

  // An IP sent from another view ("Open IP in graph") is found once the edges are drawn.
  const wanted = useWantedIp();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the drawn graph and the IP are the triggers.
  useEffect(() => {
    if (!wanted.ip || !drawn) return;
    wanted.taken();
    void find(wanted.ip);
  }, [wanted.ip, drawn]);

  const state = error && !graph ? 'error' : !drawn ? 'loading' : counts.edges === 0 ? 'empty' : 'ready';
  return (
    <div className="view graph-view" data-testid="view-graph">
      <header className="view-head graph-head">
        <h1>IP graph</h1>
        <p className="muted" data-testid="graph-summary">
          {graph && state === 'ready' ? graphSummary(counts, graph) : ' '}
        </p>
      </header>
      <GraphToolbar
        state={settings}
        onChange={(next) => setSettings((current) => ({ ...current, ...next }))}
        minWeight={minWeight}
        layoutRunning={layoutRunning}
        onLayout={toggleLayout}
        onSearch={(ip) => void find(ip)}
      />
      <ErrorNote message={error ?? expandError ?? notice} />
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
            data-expanding={expanding}
          />
          {state === 'loading' && <p className="graph-overlay">Loading the graph…</p>}
          {state === 'empty' && (
            <div className="graph-overlay" data-testid="graph-empty">
              {/* Without a filter there is nothing to widen: the data has no connections at all. */}
              {Object.keys(filter).length === 0 ? (
                <>
                  <p>No data to draw yet.</p>
                  <p className="muted">
                    Sessions become edges from the client to the destination IP or the web server.{' '}
                    <a href="#/import">Import data</a>.
                  </p>
                </>
              ) : (
                <>
                  <p>No connections in this filter.</p>
                  <p className="muted">Widen the filter or the time range.</p>
                </>
              )}
            </div>
          )}
          {graph && (
            <GraphLegend
              mode={settings.colour}
              size={settings.size}
              weight={settings.weight}
              scoreSource={graph.scoreSource}
            />
          )}
        </div>
        {selection?.kind === 'ip' && !isHost(selection.ip) && (
          <IpPanel
            key={selection.ip}
            ip={selection.ip}
            filter={filter}
            axisColour={palette.muted}
            onClose={() => setSelection(null)}
            onExpand={(ip) => void expand(ip)}
            onPeer={(ip) => void find(ip)}
          />
        )}
        {selection?.kind === 'edge' && (
          <EdgePanel
            key={`${selection.src}>${selection.dst}`}
            src={selection.src}
            dst={selection.dst}
            toHost={model.hasNode(selection.dst) && model.getNodeAttribute(selection.dst, 'kind') === 'host'}
            filter={filter}
            onClose={() => setSelection(null)}
          />
        )}
      </div>
    </div>
  );
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el &&
    (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

function nodesWithEdgeAtLeast(model: ReturnType<typeof useGraphModel>['model'], min: number): Set<string> {
  const nodes = new Set<string>();
  model.forEachEdge((_edge, attributes, source, target) => {
    if (attributes.weight >= min) {
      nodes.add(source);
      nodes.add(target);
    }
  });
  return nodes;
}
