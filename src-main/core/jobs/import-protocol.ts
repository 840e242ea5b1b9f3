import type { FormatId, ImportRecord, MappingPreset } from '../../../src-shared/domain.js';

/** What the import worker is started with: the database and settings every import it runs shares. */
export interface ImportWorkerSetup {
  dbPath: string;
  enrich: boolean;
  cacheDir: string | null;
}

/** One file to import (the worker runs one at a time, and stays for the next). */
export interface ImportWorkerFile {
  file: string;
  format?: FormatId;
  preset?: MappingPreset;
  labels?: string;
  origin?: string;
}

export type ImportWorkerMessage =
  | { type: 'start'; importId: number }
  | { type: 'progress'; record: ImportRecord; sizeBytes: number }
  | { type: 'done'; record: ImportRecord }
  | { type: 'error'; message: string; importId: number | null };

export type ImportWorkerCommand =
  | ({ type: 'import' } & ImportWorkerFile)
  | { type: 'cancel' }
  /** Close the database and end the thread (sent only while it is idle). */
  | { type: 'close' };
