// Runs in the preload. Files dropped anywhere on the window are imported, not only on the Import
// view's drop zone (which handles its own drops and marks them handled with preventDefault).

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export interface DropImport {
  pathForFile(file: File): string;
  startImport(paths: string[]): Promise<unknown>;
  /** Brings the Import view up, where the new jobs show their progress. */
  showImports(): void;
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
    const paths = [...(drop.dataTransfer?.files ?? [])].map(actions.pathForFile).filter((p) => p !== '');
    if (paths.length === 0) return;
    actions.showImports();
    actions
      .startImport(paths)
      .catch((error: Error) => console.error(`vigil: import failed: ${error.message}`));
  });
}
