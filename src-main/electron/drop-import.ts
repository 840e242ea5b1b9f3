// Runs in the preload. Files dropped anywhere on the window are imported, not only on the Import
// view's drop zone (which handles its own drops and marks them handled with preventDefault).

import { pairLabelFiles } from '../../src-shared/label-files.js';

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export interface DropImport {
  /** A one-time import grant for a file the analyst dropped (see file-grants.ts). */
  grantFile(file: File): Promise<string>;
  /** Imports the granted logs; `labels`, the grant of the one log's labels file. */
  importFiles(grants: string[], labels?: string): Promise<unknown>;
  /** Brings the Import view up, where the new jobs show their progress. */
  showImports(): void;
}

/** As the Import view does: a log with its LOG.labels.csv is one labelled import, a labels file alone none. */
async function importDropped(files: File[], actions: DropImport): Promise<void> {
  const { logs, strays } = pairLabelFiles(files);
  const plain = logs.flatMap(({ log, labels }) => (labels ? [] : [log]));
  if (plain.length > 0)
    await actions.importFiles(await Promise.all(plain.map((file) => actions.grantFile(file))));
  for (const { log, labels } of logs)
    if (labels) await actions.importFiles([await actions.grantFile(log)], await actions.grantFile(labels));
  if (strays.length > 0)
    throw new Error(
      `${strays.map((file) => file.name).join(', ')}: a labels file is imported with its log, dropped together`,
    );
}

export function importDropsOnWindow(target: EventTarget, actions: DropImport): void {
  // Without this the drop event never fires, and Chromium would open the file in place of our page.
  target.addEventListener('dragover', (event) => {
    if (hasFiles(event as DragEvent)) event.preventDefault();
  });
  target.addEventListener('drop', (event) => {
    const drop = event as DragEvent;
    if (drop.defaultPrevented || !hasFiles(drop)) return;
    drop.preventDefault();
    const files = [...(drop.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    actions.showImports();
    importDropped(files, actions).catch((error: Error) =>
      console.error(`vigil: import failed: ${error.message}`),
    );
  });
}
