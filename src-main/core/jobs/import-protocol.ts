import type { FormatId, ImportRecord, MappingPreset } from '../../../src-shared/domain.js';

/** What the import worker is started with. */
export interface ImportWorkerInput {
  dbPath: string;
  file: string;
  format?: FormatId;
  preset?: MappingPreset;
  enrich: boolean;
  cacheDir: string | null;
}

export type ImportWorkerMessage =
  | { type: 'start'; importId: number }
  | { type: 'progress'; record: ImportRecord; sizeBytes: number }
  | { type: 'done'; record: ImportRecord }
  | { type: 'error'; message: string; importId: number | null };

export type ImportWorkerCommand = { type: 'cancel' };
