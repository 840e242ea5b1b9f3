// Camera moves that keep the IP an analyst is looking at in the part of the stage they can see:
// the drill-down panel floats over the stage's right side, so "the middle of the stage" can be
// under it. Positions are in Sigma's framed-graph space; pixel offsets go through Sigma's own
// conversions rather than re-deriving its normalisation.
import type { GraphRenderer } from './useSigma.js';

/** The part of the stage an IP can be seen in, from its top-left corner, in px. */
export interface VisibleArea {
  width: number;
  height: number;
}

/**
 * The stage up to the left edge of a panel floating over it. (The legend is a strip beneath the
 * stage, not over it: it hides nothing.)
 */
export function visibleArea(stage: HTMLElement): VisibleArea {
  const box = stage.getBoundingClientRect();
  let right = box.right;
  const panel = stage.closest('.graph-main')?.querySelector<HTMLElement>('.graph-panel');
  if (panel) {
    const panelBox = panel.getBoundingClientRect();
    if (panelBox.left > box.left && panelBox.left < right) right = panelBox.left;
  }
  return { width: right - box.left, height: box.height };
}

/** Room kept between an IP and the edge of the visible area, for its label. */
const MARGIN_PX = 60;
/** Closest zoom Find goes to (an IP alone, or neighbours piled on it). */
const CLOSEST_RATIO = 0.08;
/** Farthest: the whole graph fits at 1; a little beyond, so that a panel's width is made up for. */
const FARTHEST_RATIO = 1.6;
const DURATION_MS = 450;

/** Pixels per framed-graph unit at camera ratio 1 (the framed graph is square). */
function pixelsPerUnit(sigma: GraphRenderer): number {
  const state = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const a = sigma.framedGraphToViewport({ x: 0, y: 0.5 }, { cameraState: state });
  const b = sigma.framedGraphToViewport({ x: 1, y: 0.5 }, { cameraState: state });
  return Math.abs(b.x - a.x);
}

/** The camera whose ratio is `ratio` and that shows framed point `point` at viewport point `at`. */
function cameraShowing(
  sigma: GraphRenderer,
  point: { x: number; y: number },
  ratio: number,
  at: { x: number; y: number },
) {
  const { width, height } = sigma.getDimensions();
  const centred = { x: point.x, y: point.y, ratio, angle: 0 };
  // Under `centred` the point is mid-stage; the point drawn as far past mid-stage as `at` is short
  // of it becomes the new centre, which moves the IP to `at` exactly.
  const centre = sigma.viewportToFramedGraph({ x: width - at.x, y: height - at.y }, { cameraState: centred });
  return { x: centre.x, y: centre.y, ratio, angle: 0 };
}

/**
 * Frames `ip` and `neighbours` in the visible part of the stage: the box around them centred there,
 * zoomed to fit (a hub's neighbours can sit on every side of it, so centring the IP itself could
 * push half of them off the stage). Resolves false when Sigma has not drawn the IP.
 */
export async function focusCamera(
  sigma: GraphRenderer,
  ip: string,
  neighbours: string[],
  visible: VisibleArea,
): Promise<boolean> {
  const focus = sigma.getNodeDisplayData(ip);
  if (!focus) return false;
  let [minX, maxX, minY, maxY] = [focus.x, focus.x, focus.y, focus.y];
  for (const other of neighbours) {
    const display = sigma.getNodeDisplayData(other);
    if (!display) continue;
    minX = Math.min(minX, display.x);
    maxX = Math.max(maxX, display.x);
    minY = Math.min(minY, display.y);
    maxY = Math.max(maxY, display.y);
  }
  const unit = pixelsPerUnit(sigma);
  const width = Math.max(1, visible.width - 2 * MARGIN_PX);
  const tall = Math.max(1, visible.height - 2 * MARGIN_PX);
  const ratio = Math.min(
    FARTHEST_RATIO,
    Math.max(CLOSEST_RATIO, ((maxX - minX) * unit) / width, ((maxY - minY) * unit) / tall),
  );
  const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  const middle = { x: visible.width / 2, y: visible.height / 2 };
  await sigma.getCamera().animate(cameraShowing(sigma, centre, ratio, middle), { duration: DURATION_MS });
  return true;
}

/** Pans (same zoom) to bring `ip` into the visible part of the stage if it is not; false if it was. */
export async function revealNode(sigma: GraphRenderer, ip: string, visible: VisibleArea): Promise<boolean> {
  const display = sigma.getNodeDisplayData(ip);
  if (!display) return false;
  const at = sigma.framedGraphToViewport(display);
  const margin = Math.min(MARGIN_PX, visible.width / 4, visible.height / 4);
  if (at.x >= margin && at.x <= visible.width - margin && at.y >= margin && at.y <= visible.height - margin)
    return false;
  const camera = sigma.getCamera();
  const middle = { x: visible.width / 2, y: visible.height / 2 };
  await camera.animate(cameraShowing(sigma, display, camera.ratio, middle), { duration: DURATION_MS });
  return true;
}
