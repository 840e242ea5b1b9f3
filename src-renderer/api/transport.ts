import type { VigilApi, VigilEvent } from '../../src-shared/api.js';
import type { ExportTarget } from '../../src-shared/reports.js';

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
  /**
   * Exports a case or sessions to a file the analyst keeps: a browser download in serve mode, a
   * native save dialog in the desktop app. Resolves with a line for the view to show, or null when
   * the analyst cancelled the dialog.
   */
  saveExport(target: ExportTarget): Promise<string | null>;
}
