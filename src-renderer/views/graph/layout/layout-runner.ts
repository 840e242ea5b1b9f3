// Drives the ForceAtlas2 worker for one graphology graph: start, stop, a fixed number of steps,
// and re-reading the graph after it changed (an expanded neighbourhood). Positions are written
// back on the UI thread only as a finished batch arrives, which is a cheap copy, never a layout step.
import type Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { assignLayoutChanges, graphToByteArrays } from 'graphology-layout-forceatlas2/helpers.js';
import type { LayoutReply, LayoutRequest } from './protocol.js';

// Steps per round trip: enough to amortise the message cost, few enough that positions on screen
// move on several times a second. Stop ends the worker at once whatever the batch.
const STEPS = 10;

export class LayoutRunner {
  private worker: Worker | null = null;
  private running = false;
  /** Steps left before the layout stops by itself; Infinity while started by hand. */
  private stepsLeft = Number.POSITIVE_INFINITY;
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

  /**
   * Runs exactly `steps` steps, then stops. A count, never a time: ForceAtlas2 from the same
   * start and the same number of steps lands on the same positions, so the same filter over the
   * same data is drawn the same way on every visit, however busy the machine.
   */
  runSteps(steps: number): void {
    const wasRunning = this.running;
    this.kill();
    this.stepsLeft = steps;
    this.begin();
    if (wasRunning && !this.running) this.onChange(false);
  }

  /** Runs until stopped (the Start layout button). */
  start(): void {
    if (this.running) return;
    this.stepsLeft = Number.POSITIVE_INFINITY;
    this.begin();
  }

  private begin(): void {
    if (this.running || this.graph.order === 0 || this.stepsLeft <= 0) return;
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
    this.begin();
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
      if (this.stepsLeft <= 0) {
        assignLayoutChanges(this.graph, nodes, null);
        return this.stop();
      }
      // The next batch goes out before this one is drawn: the worker steps while Sigma redraws
      // (on software WebGL a frame of 5 000 edges costs as much as several steps).
      const shown = nodes.slice();
      this.send(worker, nodes, null);
      assignLayoutChanges(this.graph, shown, null);
    };
    return worker;
  }

  /** The next round: the positions so far, and the edges on the first round only (the worker keeps them). */
  private send(worker: Worker, nodes: Float32Array, edges: Float32Array | null): void {
    const steps = Math.min(STEPS, this.stepsLeft);
    this.stepsLeft -= steps;
    const request: LayoutRequest = {
      settings: this.settings,
      nodes: nodes.buffer as ArrayBuffer,
      steps,
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
    barnesHutTheta: 0.5,
    ...inferred,
    // Barnes-Hut from 1 000 IPs (the library infers 2 000): 1 600 IPs stepped 3× faster with it.
    barnesHutOptimize: graph.order > 1000,
  };
}
