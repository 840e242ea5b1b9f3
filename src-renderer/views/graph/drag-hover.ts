// While the stage is dragged, Sigma still looks for the node under the pointer on every mouse
// move: a synchronous read of its picking framebuffer (readPixels stalls until the GPU, here the
// CPU-bound SwiftShader, has drawn everything queued), and on each node the pointer crosses an
// enter/leave pair that relights the whole graph. Measured while panning 20 000 nodes / 100 000
// edges: 3.5 s in readPixels and 5 s relighting out of 12 s of dragging. Hover means nothing in
// the middle of a drag, so Sigma's move listener is parked from button down to button up.
import type Sigma from 'sigma';

export function parkHoverWhileDragging<N extends object, E extends object>(sigma: Sigma<N, E>): void {
  const captor = sigma.getMouseCaptor();
  let parked: ReturnType<typeof captor.listeners<'mousemove'>> = [];
  captor.on('mousedown', () => {
    if (parked.length > 0) return;
    parked = captor.listeners('mousemove');
    for (const listener of parked) captor.off('mousemove', listener);
  });
  captor.on('mouseup', () => {
    for (const listener of parked) captor.on('mousemove', listener);
    parked = [];
  });
}
