// What the Electron preload exposes as `window.vigil`: the VigilApi plus the things only a desktop
// shell can offer. The preload implements it (`satisfies VigilBridge`); the renderer reads it.
import type { VigilApi, VigilEvent } from './api.js';
import type { ExportResult, ExportTarget } from './reports.js';

export type VigilBridge = VigilApi & {
  /** Subscribes to core events; returns the function that unsubscribes. */
  onEvent(listener: (event: VigilEvent) => void): () => void;
  /** The real path of a file the user dropped or chose (Electron's `webUtils.getPathForFile`). */
  pathForFile(file: File): string;
  /** Asks where to save in a native dialog, then exports there; null when the analyst cancels. */
  saveExport(target: ExportTarget): Promise<ExportResult | null>;
};
