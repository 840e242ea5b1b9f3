import type { VigilApi, VigilEvent } from '../../src-shared/api.js';

/** Everything the views need from the main side; Electron and HTTP implement it the same way. */
export interface Transport {
  api: VigilApi;
  /** Subscribes to core events; returns the function that unsubscribes. */
  onEvent(listener: (event: VigilEvent) => void): () => void;
  /**
   * A path the core can import for a file the user picked: the real path in Electron, an upload
   * in a browser (which cannot reveal paths). `onProgress` gets the fraction transferred.
   */
  importablePath(file: File, onProgress: (fraction: number) => void): Promise<string>;
}
