// A file refused before any row was read (format not recognised, missing, unreadable, empty, an
// archive, UTF-16) still counts as an import: the refusal is recorded with its reason, so after a
// restart the analyst sees the file was tried and why nothing came of it, not only in a live job.
import fs from 'node:fs';
import path from 'node:path';
import { insertRefusedImport } from '../db/imports.js';
import type { Db } from '../db/open.js';
import { inPlainWords } from '../file-errors.js';
import type { ImportRequest } from './pipeline.js';

/**
 * Records the refusal of `request` and returns the error to throw: its message in plain words (not
 * an errno code), carrying the import id as a failure after the first row does.
 */
export function recordRefusal(db: Db, request: ImportRequest, startedAt: number, error: Error): Error {
  const file = path.resolve(request.file);
  error.message = inPlainWords(error.message);
  try {
    const importId = insertRefusedImport(db, {
      file,
      fileName: path.basename(file),
      format: request.format ?? request.preset?.format ?? null,
      preset: request.preset?.name ?? null,
      labelsFile: request.labels ? path.resolve(request.labels) : null,
      origin: request.origin ?? null,
      sizeBytes: sizeOf(file),
      startedAt,
      message: error.message,
    });
    return Object.assign(error, { importId });
  } catch {
    // The database refused the record too (full disk, closed): the caller still hears the reason.
    return error;
  }
}

/** The size of a regular file, else null: a missing file or a folder has no size to show. */
function sizeOf(file: string): number | null {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}
