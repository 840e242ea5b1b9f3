// Browser uploads are copies made only so the core can read them: once their import has finished
// the database holds what was kept and the analyst still has the original, so the copy goes.
import fs from 'node:fs';
import path from 'node:path';
import type { VigilEvent } from '../../src-shared/api.js';
import type { FileGrants } from '../core/file-grants.js';
import type { Core } from '../core/service.js';

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** The upload's own folder (`<uploadDir>/<folder>/<name>`), or null for a file that is no upload. */
export function uploadFolderOf(file: string, uploadDir: string): string | null {
  const parts = path.relative(uploadDir, file).split(path.sep);
  const [folder] = parts;
  if (
    parts.length !== 2 ||
    folder === undefined ||
    folder === '..' ||
    folder === '' ||
    path.isAbsolute(folder)
  )
    return null;
  return path.join(uploadDir, folder);
}

/** Deletes each upload (a log, its labels) when its import job finishes; returns the function that stops watching. */
export function deleteUploadsAfterImport(events: Core['events'], uploadDir: string): () => void {
  const onEvent = (event: VigilEvent) => {
    if (event.type !== 'job-progress' || event.job.kind !== 'import' || !FINISHED.has(event.job.state))
      return;
    // The log's upload, and the labels file uploaded with it.
    for (const file of [event.job.file, event.job.labels]) {
      const folder = file && uploadFolderOf(file, uploadDir);
      if (folder) fs.promises.rm(folder, { recursive: true, force: true }).catch(() => {});
    }
  };
  events.on('event', onEvent);
  return () => events.off('event', onEvent);
}

/** Deletes the uploads whose grant was never spent: the server is stopping and nothing will import them. */
export function deleteUnimportedUploads(grants: FileGrants, uploadDir: string): Promise<void> {
  const folders = grants
    .unredeemed()
    .map((file) => uploadFolderOf(file, uploadDir))
    .filter((folder): folder is string => folder !== null);
  return Promise.all(folders.map((folder) => fs.promises.rm(folder, { recursive: true, force: true })))
    .then(() => undefined)
    .catch(() => undefined);
}
