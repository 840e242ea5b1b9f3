// Sigma's label drawing, made collision-free (label-placement.ts). Sigma still decides which nodes
// may be labelled (its label grid by zoom, forceLabel) and calls the label drawer for each; this
// drawer only notes them, and once Sigma has drawn its frame the labels are placed and drawn
// together, so that the important ones take their spot first.
import type Sigma from 'sigma';
import type { NodeLabelDrawingFunction } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import {
  type LabelCandidate,
  type PlacedLabel,
  type Placement,
  placeLabels,
  type StageDisc,
} from './label-placement.js';

/**
 * Past this many unlabelled nodes on the stage, labels do not try to keep off them: so crowded a
 * stage leaves few clear spots anyway, and filing every disc each frame would slow a running
 * layout (300 candidates among 2 000 unlabelled discs: about 3 ms more per frame, in Node here;
 * among 5 000, 5–10 ms).
 */
export const UNLABELLED_LIMIT = 2_000;
/**
 * Nor on a graph of more nodes than this: finding which are on the stage means converting every
 * node's position each frame with labels (a running layout draws one per step).
 */
export const UNLABELLED_SCAN_LIMIT = 10_000;

/** What goes first, asked once per frame. */
export type LabelOrder = () => Pick<Placement, 'pinned' | 'first'>;

export class LabelLayer {
  private candidates: LabelCandidate[] = [];
  private context: CanvasRenderingContext2D | null = null;
  private settings: Settings | null = null;
  private drawn: readonly PlacedLabel[] = [];

  /**
   * @param order the labels placed first
   * @param halo the colour drawn around each letter, so a label stays legible over edges
   */
  constructor(
    private readonly order: LabelOrder,
    private readonly halo: string,
  ) {}

  /** Sigma's defaultDrawNodeLabel: notes what Sigma would draw; nothing is drawn yet. */
  readonly collect: NodeLabelDrawingFunction = (context, data, settings) => {
    if (!data.label) return;
    this.context = context;
    this.settings = settings;
    this.candidates.push({
      node: String(data.key),
      label: data.label,
      x: data.x,
      y: data.y,
      size: data.size,
    });
  };

  /**
   * Places and draws each frame's labels once Sigma has drawn the frame, within `area` (the part
   * of the stage a side panel leaves free: a label under the panel could not be read).
   */
  attach<N extends object, E extends object>(
    sigma: Sigma<N, E>,
    area: () => { width: number; height: number },
  ): void {
    // beforeRender comes before Sigma clears its canvases; afterRender also comes after a frame
    // drawn without labels (while the camera moves), which then places none.
    sigma.on('beforeRender', () => {
      this.candidates = [];
      this.drawn = [];
    });
    sigma.on('afterRender', () => {
      // The area is asked only for a frame with labels: it reads the page's layout.
      if (this.candidates.length === 0) this.drawn = [];
      else {
        const stage = area();
        this.drawn = this.draw(stage, this.unlabelled(sigma, stage));
      }
      this.candidates = [];
    });
  }

  /** The labels on the stage in the last frame, where they were drawn. */
  placed(): readonly PlacedLabel[] {
    return this.drawn;
  }

  /** The nodes on `stage` that get no label this frame (none past either limit above). */
  private unlabelled<N extends object, E extends object>(
    sigma: Sigma<N, E>,
    stage: { width: number; height: number },
  ): StageDisc[] {
    if (sigma.getGraph().order > UNLABELLED_SCAN_LIMIT) return [];
    const labelled = new Set(this.candidates.map((candidate) => candidate.node));
    const discs: StageDisc[] = [];
    for (const node of sigma.getGraph().nodes()) {
      if (labelled.has(node)) continue;
      const data = sigma.getNodeDisplayData(node);
      if (!data || data.hidden) continue;
      const { x, y } = sigma.framedGraphToViewport(data);
      const size = sigma.scaleSize(data.size);
      if (x + size < 0 || y + size < 0 || x - size > stage.width || y - size > stage.height) continue;
      if (discs.length === UNLABELLED_LIMIT) return [];
      discs.push({ node, x, y, size });
    }
    return discs;
  }

  private draw({ width, height }: { width: number; height: number }, unlabelled: StageDisc[]): PlacedLabel[] {
    const { context, settings } = this;
    if (!context || !settings) return [];
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const placed = placeLabels(this.candidates, {
      ...this.order(),
      width,
      height,
      measure: (label) => context.measureText(label).width,
      lineHeight: size,
      unlabelled,
    });
    context.save();
    context.textAlign = 'left';
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    context.strokeStyle = this.halo;
    context.fillStyle = settings.labelColor.color ?? '#000';
    for (const { label, box } of placed) {
      const y = (box.top + box.bottom) / 2;
      context.strokeText(label, box.left, y);
      context.fillText(label, box.left, y);
    }
    context.restore();
    return placed;
  }
}
