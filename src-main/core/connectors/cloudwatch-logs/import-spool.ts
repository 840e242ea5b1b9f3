import type { Db } from '../../db/open.js';
import { runImport } from '../../ingest/pipeline.js';
import type { SpoolImport } from './chunker.js';

/** Imports spool files on this thread with the file pipeline (the CLI's way; the app queues them). */
export function importInProcess(
  db: Db,
  options: { enrich?: boolean; cacheDir?: string | null },
): SpoolImport {
  return (file, { format, preset, origin }, signal) =>
    runImport(
      db,
      { file, format, preset, origin, enrich: options.enrich, cacheDir: options.cacheDir },
      { signal },
    );
}
