// The one place that decides whether a view's state written into the address is a new history entry
// (pushState) or the same one (replaceState), so Back steps through what the analyst did: a filter
// applied, a session opened or closed, a sort. A step is said by the code that acts for the analyst
// (addressStep); whatever else writes the address (a link's or a reload's state made whole, a
// drawer a new filter closed) stays in the entry it belongs to. Entries the view wrote are marked:
// their address is the whole state, so coming back to one restores what it leaves out as the
// default, where a link (`#/sessions?q=src:1.2.3.4`) names only what it changes.
const WHOLE = 'vigilWholeState';

let stepWaiting = false;

/** The analyst did something Back should undo: the view's next address is a new history entry. */
export function addressStep(): void {
  stepWaiting = true;
}

/** The view has just followed its address (a link, Back, a reload): no step of the analyst waits. */
export function addressFollowed(): void {
  stepWaiting = false;
}

/** True when the view wrote the current entry: its address is its whole state, not a link's part. */
export function addressIsWhole(): boolean {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null && (state as Record<string, unknown>)[WHOLE] === true;
}

/** Writes a view's state (`#/sessions?q=…`) as the address. */
export function writeViewAddress(hash: string): void {
  const step = stepWaiting;
  stepWaiting = false;
  const whole = addressIsWhole();
  if (window.location.hash === hash && whole) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  // An entry a link or the nav opened is made whole in place: one click, one Back.
  if (step && whole) window.history.pushState({ [WHOLE]: true }, '', url);
  else window.history.replaceState({ [WHOLE]: true }, '', url);
}
