// One Sigma renderer bound to a container and a graph model, with hover highlighting and the
// clicks the view cares about. Labels are canvas text drawn by Sigma, never HTML.
import { type RefObject, useEffect, useRef } from 'react';
import Sigma from 'sigma';
import { NodePointProgram } from 'sigma/rendering';
import type { GraphPalette } from './colors.js';
import { parkHoverWhileDragging } from './drag-hover.js';
import { themedHover } from './draw-hover.js';
import { edgeAtPoint, sigmaEdges } from './edge-hit.js';
import type { EdgeAttributes, IpGraphModel, NodeAttributes } from './graph-model.js';

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
    let hovered: string | null = null;
    let lit = new Set<string>();
    const focusOf = () => hovered ?? view.current.selected;
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
      labelFont: 'system-ui, sans-serif',
      labelRenderedSizeThreshold: 7,
      labelDensity: 0.6,
      zIndex: false,
      nodeReducer: (node, data) => {
        const { visible } = view.current;
        const focus = focusOf();
        if (visible && !visible.has(node) && node !== focus) return { ...data, hidden: true };
        if (focus === null) return data;
        if (node === focus || lit.has(node)) return { ...data, highlighted: node === focus };
        return { ...data, color: palette.dimmed, label: '' };
      },
      edgeReducer: (edge, data) => {
        if (data.weight < view.current.minWeight) return { ...data, hidden: true };
        const focus = focusOf();
        if (focus === null) return data;
        return model.hasExtremity(edge, focus)
          ? { ...data, color: palette.highlight }
          : { ...data, hidden: true };
      },
    });
    const relight = () => {
      const focus = focusOf();
      lit = focus === null || !model.hasNode(focus) ? new Set() : new Set(model.neighbors(focus));
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
    sigma.on('afterRender', () => handlersRef.current.onRender());
    sigmaRef.current = { sigma, relight };
    return () => {
      sigma.kill();
      sigmaRef.current = null;
    };
  }, [container, model, view, palette]);

  return sigmaRef;
}

/** Centres and zooms the camera on one IP; resolves false when Sigma has no such node. */
export async function focusNode(sigma: GraphRenderer, ip: string): Promise<boolean> {
  const display = sigma.getNodeDisplayData(ip);
  if (!display) return false;
  await sigma.getCamera().animate({ x: display.x, y: display.y, ratio: 0.15 }, { duration: 450 });
  return true;
}
