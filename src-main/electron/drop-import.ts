// Runs in the preload. Files dropped anywhere on the window are imported, not only on the Import
// view's drop zone (which handles its own drops and marks them handled with preventDefault).

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export interface DropImport {
  /** A one-time import grant for a file the analyst dropped (see file-grants.ts). */
  grantFile(file: File): Promise<string>;
  importFiles(grants: string[]): Promise<unknown>;
  /** Brings the Import view up, where the new jobs show their progress. */
  showImports(): void;
}

async function importDropped(files: File[], actions: DropImport): Promise<void> {
  const grants = await Promise.all(files.map((file) => actions.grantFile(file)));
  await actions.importFiles(grants);
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
