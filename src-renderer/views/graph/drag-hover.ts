// While the stage is dragged, Sigma keeps doing two things only a still pointer needs, and on
// software WebGL (SwiftShader, what machines without a GPU get) they cost most of each frame:
//  - on every mouse move it picks the node under the pointer: a synchronous read of its picking
//    framebuffer (readPixels waits for everything queued to be drawn), and for each node crossed
//    an enter/leave pair that relights the whole graph. Panning 20 000 nodes / 100 000 edges:
//    3.5 s in readPixels and 5 s relighting out of 12 s. Its move listener is parked from button
//    down to button up.
//  - on every frame it draws all nodes a second time into the picking framebuffer. Once the press
//    has become a drag (past Sigma's click tolerance, so no click will need picking) the node
//    programs' picking pass is parked too, and restored with one more frame at button up:
//    25 → 32 redraws/s panning 20 000 nodes with a 60 Hz pointer.
//  - it clears every layer on every frame, and without a GPU the browser copies each cleared
//    WebGL canvas back from the GPU process to composite it. The layers a moving camera leaves
//    empty (edges, labels, hover) are hidden for the drag, so only the nodes are copied:
//    32 → 40 redraws/s.
import type Sigma from 'sigma';

/** The part of Sigma's internals this reaches into (checked at run time: absent, nothing is parked). */
interface NodeProgramsInside {
  nodePrograms?: Record<string, { pickProgram?: unknown }>;
}

/** Layers Sigma clears on every frame but draws nothing on while the camera moves. */
const IDLE_WHILE_DRAGGED = '.sigma-edges, .sigma-edgeLabels, .sigma-hoverNodes, .sigma-labels, .sigma-hovers';

export function parkHoverWhileDragging<N extends object, E extends object>(sigma: Sigma<N, E>): void {
  const captor = sigma.getMouseCaptor();
  let parkedListeners: ReturnType<typeof captor.listeners<'mousemove'>> = [];
  let parkedPicking: [{ pickProgram?: unknown }, unknown][] | null = null;
  const idleLayers = () => [...sigma.getContainer().querySelectorAll<HTMLElement>(IDLE_WHILE_DRAGGED)];
  const programs = () => Object.values((sigma as unknown as NodeProgramsInside).nodePrograms ?? {});

  captor.on('mousedown', () => {
    if (parkedListeners.length > 0) return;
    parkedListeners = captor.listeners('mousemove');
    for (const listener of parkedListeners) captor.off('mousemove', listener);
  });
  sigma.getCamera().on('updated', () => {
    const dragging = captor.isMouseDown && captor.draggedEvents >= captor.settings.draggedEventsTolerance;
    if (!dragging || parkedPicking) return;
    parkedPicking = programs()
      .filter((program) => 'pickProgram' in program)
      .map((program) => [program, program.pickProgram]);
    for (const [program] of parkedPicking) program.pickProgram = null;
    for (const layer of idleLayers()) layer.style.visibility = 'hidden';
  });
  captor.on('mouseup', () => {
    for (const listener of parkedListeners) captor.on('mousemove', listener);
    parkedListeners = [];
    if (parkedPicking) {
      for (const [program, pick] of parkedPicking) program.pickProgram = pick;
      parkedPicking = null;
      for (const layer of idleLayers()) layer.style.visibility = '';
      sigma.scheduleRender();
    }
  });
}
