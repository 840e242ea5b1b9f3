// Drives the ForceAtlas2 worker for one graphology graph: start, stop, and re-reading the graph
// after it changed (an expanded neighbourhood). Positions are written back on the UI thread only
// as a finished batch arrives, which is a cheap copy, never a layout step.
import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { assignLayoutChanges, graphToByteArrays } from 'graphology-layout-forceatlas2/helpers.js';
import type { LayoutReply, LayoutRequest } from './protocol.js';

// Steps per round trip: enough to amortise the message cost, few enough that Stop feels instant.
const STEPS = 2;

export class LayoutRunner {
  private worker: Worker | null = null;
  private running = false;
  private settings: LayoutRequest['settings'];

  constructor(
    private readonly graph: Graph,
    private readonly onChange: (running: boolean) => void,
  ) {
    this.settings = settingsFor(graph);
  }

  isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running || this.graph.order === 0) return;
    const worker = this.worker ?? this.spawn();
    this.worker = worker;
    // Unit weights: byte counts span nine orders of magnitude and would pull hubs into a point.
    const matrices = graphToByteArrays(this.graph, () => 1);
    this.running = true;
    this.onChange(true);
    this.send(worker, matrices.nodes, matrices.edges);
  }

  stop(): void {
    if (!this.running) return;
    this.kill();
    this.onChange(false);
  }

  /** The graph gained nodes or edges: continue from the new shape if running. */
  graphChanged(): void {
    this.settings = settingsFor(this.graph);
    if (!this.running) return;
    this.kill();
    this.start();
  }

  /** A batch may be in flight: ending the worker drops it, so no stale matrix is ever applied. */
  kill(): void {
    this.running = false;
    this.worker?.terminate();
    this.worker = null;
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./fa2.worker.ts', import.meta.url), { type: 'module', name: 'fa2' });
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      if (!this.running) return;
      const nodes = new Float32Array(event.data.nodes);
      assignLayoutChanges(this.graph, nodes, null);
      this.send(worker, nodes, null);
    };
    return worker;
  }

  /** The next round: the positions so far, and the edges on the first round only (the worker keeps them). */
  private send(worker: Worker, nodes: Float32Array, edges: Float32Array | null): void {
    const request: LayoutRequest = {
      settings: this.settings,
      nodes: nodes.buffer as ArrayBuffer,
      steps: STEPS,
    };
    const transfer: ArrayBuffer[] = [request.nodes];
    if (edges) {
      request.edges = edges.buffer as ArrayBuffer;
      transfer.push(request.edges);
    }
    worker.postMessage(request, transfer);
  }
}

function settingsFor(graph: Graph): LayoutRequest['settings'] {
  const inferred = forceAtlas2.inferSettings(graph);
  return {
    // LinLog with hub dissuasion: traffic graphs are hubs (servers) and many clients, and these
    // pull clients into clusters by shared server instead of one undifferentiated ball.
    linLogMode: true,
    outboundAttractionDistribution: true,
    adjustSizes: false,
    edgeWeightInfluence: 0,
    scalingRatio: 1,
    strongGravityMode: false,
    gravity: 1,
    slowDown: 1,
    barnesHutOptimize: graph.order > 1000,
    barnesHutTheta: 0.5,
    ...inferred,
  };
}
