// One Sigma renderer bound to a container and a graph model, with hover highlighting and the
// clicks the view cares about. Labels are canvas text, never HTML: Sigma picks the labelled nodes,
// label-layer.ts places them so that none covers another.
import { type RefObject, useEffect, useRef } from 'react';
import Sigma from 'sigma';
import { NodePointProgram } from 'sigma/rendering';
import { visibleArea } from './camera.js';
import type { GraphPalette } from './colors.js';
import { parkHoverWhileDragging } from './drag-hover.js';
import { themedHover } from './draw-hover.js';
import { edgeAtPoint, sigmaEdges } from './edge-hit.js';
import { heaviestNeighbours } from './focus-neighbours.js';
import type { EdgeAttributes, IpGraphModel, NodeAttributes } from './graph-model.js';
import { LabelLayer } from './label-layer.js';
import type { PlacedLabel } from './label-placement.js';
import { watchNodesToLabelFirst } from './label-priority.js';

/** From this many neighbours on, the focused IP's edges to unlabelled neighbours are drawn faint. */
const FAINT_FROM = 40;

/** `share` of `b` mixed into `a`, both #rrggbb. */
function mixColours(a: string, b: string, share: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const mixed = [0, 1, 2].map((i) => Math.round(channel(a, i) * (1 - share) + channel(b, i) * share));
  return `#${mixed.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export interface SigmaHandlers {
  onNode: (ip: string) => void;
  onExpand: (ip: string) => void;
  onEdge: (src: string, dst: string) => void;
  /** After every frame Sigma draws (the e2e and the bench wait on it). */
  onRender: () => void;
}

export type GraphRenderer = Sigma<NodeAttributes, EdgeAttributes>;

export interface SigmaHandle {
  sigma: GraphRenderer;
  /** Re-reads `view` (selection, minimum weight) and redraws. */
  relight: () => void;
  /** The labels the last frame drew, where it drew them. */
  placedLabels: () => readonly PlacedLabel[];
}

/** What the reducers read on every frame; the view mutates it and then refreshes Sigma. */
export interface ViewState {
  minWeight: number;
  /** Nodes with at least one edge at or above minWeight; null when every node shows. */
  visible: Set<string> | null;
  selected: string | null;
}

export function useSigma(
  container: RefObject<HTMLDivElement | null>,
  model: IpGraphModel,
  view: RefObject<ViewState>,
  handlers: SigmaHandlers,
  palette: GraphPalette,
): RefObject<SigmaHandle | null> {
  const sigmaRef = useRef<SigmaHandle | null>(null);
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // The IP under the pointer (else the selected one) and its neighbours stay lit; the rest dims.
    // Focus mode labels the IP and its heaviest neighbours only, heaviest first: a busy server has
    // thousands of neighbours, and Sigma's label grid would pick labels across the whole stage.
    // Without a focus the heaviest and the alarming nodes are labelled first, at every zoom, and
    // Sigma's grid adds others as the analyst zooms in.
    let hovered: string | null = null;
    let lit = new Set<string>();
    let labelled: string[] = [];
    let labelledSet = new Set<string>();
    const labelFirst = watchNodesToLabelFirst(model);
    const faintEdge = mixColours(palette.edge, palette.highlight, 0.35);
    const focusOf = () => hovered ?? view.current.selected;
    // The hovered and the selected node are drawn again on the hover layer, on a background.
    const labels = new LabelLayer(() => {
      const { selected } = view.current;
      const pinned = [...new Set([hovered, selected])].filter((node) => node !== null);
      return { pinned, first: focusOf() === null ? [...labelFirst.current()] : labelled };
    }, palette.stage);
    const sigma: GraphRenderer = new Sigma<NodeAttributes, EdgeAttributes>(model, element, {
      defaultEdgeType: 'line',
      // Nodes as GL points, still drawn round and antialiased. Sigma's default circle program
      // draws an instanced triangle per node, which software WebGL (SwiftShader, what machines
      // without a GPU get) runs far slower: panning 20 000 nodes went from 2.7 to 22 redraws/s.
      nodeProgramClasses: { circle: NodePointProgram },
      // Edge clicks are hit-tested on the CPU (edge-hit.ts): Sigma's edge events redraw an edge
      // picking layer on every frame.
      enableEdgeEvents: false,
      // Large graphs: edges are redrawn only when the camera stops, so panning and zooming stay
      // smooth (100 k edges cost seconds per frame on software WebGL); nodes keep moving live.
      hideEdgesOnMove: true,
      // Labels too (canvas text): 21 → 25 redraws/s panning 20 000 nodes on software WebGL.
      hideLabelsOnMove: true,
      renderEdgeLabels: false,
      labelColor: { color: palette.text },
      defaultEdgeColor: palette.edge,
      defaultDrawNodeHover: themedHover(palette),
      defaultDrawNodeLabel: labels.collect,
      labelFont: 'system-ui, sans-serif',
      // Sigma's label grid offers a node's label from this drawn radius (px) up, and a few per
      // grid cell (labelDensity): nodes grow as the analyst zooms in, and more are labelled. The
      // label layer leaves out those it finds no room for.
      labelRenderedSizeThreshold: 5,
      labelDensity: 0.6,
      // Lit nodes are drawn over dimmed ones (only while an IP is in focus do they differ).
      zIndex: true,
      nodeReducer: (node, data) => {
        const { visible, selected } = view.current;
        const focus = focusOf();
        if (visible && !visible.has(node) && node !== focus) return { ...data, hidden: true };
        if (focus === null) return labelFirst.current().has(node) ? { ...data, forceLabel: true } : data;
        // The selected node stays named while another is hovered.
        if (node === focus || node === selected)
          return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
        // Offered to the label layer whatever their size; it places them where they fit.
        if (labelledSet.has(node)) return { ...data, forceLabel: true, zIndex: 2 };
        if (lit.has(node)) return { ...data, label: '', zIndex: 1 };
        return { ...data, color: palette.dimmed, label: '', zIndex: 0 };
      },
      edgeReducer: (edge, data) => {
        if (data.weight < view.current.minWeight) return { ...data, hidden: true };
        const focus = focusOf();
        if (focus === null) return data;
        if (!model.hasExtremity(edge, focus)) return { ...data, hidden: true };
        // The edges to the labelled neighbours stand out; a busy server's thousand others stay
        // faint, or their fan would cover the stage.
        const other = model.opposite(focus, edge);
        return {
          ...data,
          color: labelledSet.has(other) || lit.size <= FAINT_FROM ? palette.highlight : faintEdge,
        };
      },
    });
    const relight = () => {
      const focus = focusOf();
      const known = focus !== null && model.hasNode(focus);
      lit = known ? new Set(model.neighbors(focus)) : new Set();
      labelled = known ? heaviestNeighbours(model, focus) : [];
      labelledSet = new Set(labelled);
      sigma.refresh({ skipIndexation: true });
    };
    sigma.on('enterNode', ({ node }) => {
      hovered = node;
      relight();
    });
    sigma.on('leaveNode', () => {
      hovered = null;
      relight();
    });

    parkHoverWhileDragging(sigma);

    sigma.on('clickNode', ({ node }) => handlersRef.current.onNode(node));
    sigma.on('doubleClickNode', (event) => {
      // Double-click means "expand" here, not Sigma's default zoom.
      event.preventSigmaDefault();
      handlersRef.current.onExpand(event.node);
    });
    sigma.on('clickStage', ({ event }) => {
      const edge = edgeAtPoint(sigmaEdges(sigma), event);
      if (edge) handlersRef.current.onEdge(model.source(edge), model.target(edge));
    });
    // Before the view's own afterRender: the labels are drawn when it reads them.
    labels.attach(sigma, () => visibleArea(element));
    sigma.on('afterRender', () => handlersRef.current.onRender());
    // Sigma 3 takes its size at each frame and redraws by itself only when the window resizes: a
    // stage that grows or shrinks inside the page (a list folding out beneath it) would keep its
    // old picture, and clicks would miss the nodes, until something else drew a frame.
    const resized = new ResizeObserver(() => sigma.refresh({ skipIndexation: true }));
    resized.observe(element);
    sigmaRef.current = { sigma, relight, placedLabels: () => labels.placed() };
    return () => {
      resized.disconnect();
      labelFirst.stop();
      sigma.kill();
      sigmaRef.current = null;
    };
  }, [container, model, view, palette]);

  return sigmaRef;
}
