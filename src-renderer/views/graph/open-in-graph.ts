// Click-through to the Graph view with one IP found and focused there (a Sessions cell, the drawer).
// The IP waits in a store until the graph has drawn its edges, since Find needs the model.
import { createStore, useStore } from '../../state/store.js';

const wantedIp = createStore<string | null>(null);

export function openIpInGraph(ip: string): void {
  wantedIp.set(ip);
  window.location.hash = '#/graph';
}

/** The IP another view asked the graph to find, until `taken` is called. */
export function useWantedIp(): { ip: string | null; taken: () => void } {
  return { ip: useStore(wantedIp), taken: () => wantedIp.set(null) };
}
