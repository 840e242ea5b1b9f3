// Where the views read from: the local workspace (null) or a registered remote source, by name.
// One value for every view, chosen in the top bar, so no view can show local data under a remote label.
import { createStore, useStore } from './store.js';

export const sourceStore = createStore<string | null>(null);

export function chooseSource(name: string | null): void {
  sourceStore.set(name);
}

/** A source was removed: views reading it go back to the local workspace; another chosen source stays. */
export function forgetSource(name: string): void {
  sourceStore.set((chosen) => (chosen === name ? null : chosen));
}

/** The source every view reads from, or null for the local workspace. */
export function useChosenSource(): string | null {
  return useStore(sourceStore);
}
