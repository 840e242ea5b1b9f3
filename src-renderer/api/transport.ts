import type { PageApi, VigilEvent } from '../../src-shared/api.js';
import type { ExportTarget } from '../../src-shared/reports.js';

/** Everything the views need from the main side; Electron and HTTP implement it the same way. */
export interface Transport {
  api: PageApi;
  /** Subscribes to core events; returns the function that unsubscribes. */
  onEvent(listener: (event: VigilEvent) => void): () => void;
  /**
   * The grant `api.importFiles` takes for a file the analyst picked or dropped: issued by the main
   * process for the file where it is (Electron), or by the server for its upload (a browser cannot
   * reveal paths). `onProgress` gets the fraction transferred: 1 once every byte is sent, which
   * can be well before the grant comes. `signal` stops an upload. The page never holds a path.
   */
  importableFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<string>;
  /**
   * Exports a case or sessions to a file the analyst keeps: a browser download in serve mode, a
   * native save dialog in the desktop app. Resolves with a line for the view to show, or null when
   * the analyst cancelled the dialog.
   */
  saveExport(target: ExportTarget): Promise<string | null>;
}
