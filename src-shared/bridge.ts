// What the Electron preload exposes as `window.vigil`: the page's part of the API (each operation
// answering its envelope, unwrapped in the page: src-shared/api.ts PageAnswers) plus the things
// only a desktop shell can offer. The preload implements it; the renderer reads it. Nothing here
// takes a path: the page never learns or names where a file is.
import type { PageAnswers, VigilEvent } from './api.js';
import type { ExportTarget, SavedExport } from './reports.js';

/**
 * A file the page holds (a DOM `File` from a picker or a drop). Described by shape, not by the DOM
 * type: src-shared is checked without the DOM's types, as both sides read it.
 */
export interface BridgeFile {
  readonly name: string;
  readonly size: number;
}

export type VigilBridge = PageAnswers & {
  /** Subscribes to core events; returns the function that unsubscribes. */
  onEvent(listener: (event: VigilEvent) => void): () => void;
  /**
   * A grant to import a file the analyst picked or dropped (the `importFiles` operation takes it).
   * Refused for a File the page made itself: it has no path on this computer.
   */
  grantFile(file: BridgeFile): Promise<string>;
  /** Asks where to save in a native dialog, then exports there; null when the analyst cancels. */
  saveExport(target: ExportTarget): Promise<SavedExport | null>;
};
