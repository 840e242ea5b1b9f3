// Runs one file import off the main thread with its own database connection.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { runImport } from '../ingest/pipeline.js';
import type { ImportWorkerCommand, ImportWorkerInput, ImportWorkerMessage } from './import-protocol.js';

const input = workerData as ImportWorkerInput;
const port = parentPort!;
const post = (message: ImportWorkerMessage) => port.postMessage(message);
const abort = new AbortController();
port.on('message', (command: ImportWorkerCommand) => {
  if (command.type === 'cancel') abort.abort();
});

const db = openDatabase(input.dbPath);
let importId: number | null = null;
try {
  const record = await runImport(
    db,
    {
      file: input.file,
      format: input.format,
      preset: input.preset,
      enrich: input.enrich,
      cacheDir: input.cacheDir,
    },
    {
      signal: abort.signal,
      onStart: (id) => {
        importId = id;
        post({ type: 'start', importId: id });
      },
      onProgress: ({ record, sizeBytes }) => post({ type: 'progress', record, sizeBytes }),
    },
  );
  post({ type: 'done', record });
} catch (error) {
  post({ type: 'error', message: (error as Error).message, importId });
} finally {
  db.close();
  port.close();
}
