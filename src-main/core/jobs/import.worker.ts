// Runs file imports off the main thread with its own database connection, one at a time. The
// thread stays for the next file: a pull imports its chunks one after another, and starting a
// thread, loading the pipeline and opening the database again for each chunk cost about 0.3 s.

import { parentPort, workerData } from 'node:worker_threads';
import { must } from '../../../src-shared/must.js';
import { openDatabase } from '../db/open.js';
import { ruleTablesExist } from '../db/rule-sets.js';
import { runImport } from '../ingest/pipeline.js';
import { activeRules } from '../rule-hits/active-rules.js';
import { syncRulePack } from '../rule-hits/rule-set-load.js';
import type {
  ImportWorkerCommand,
  ImportWorkerFile,
  ImportWorkerMessage,
  ImportWorkerSetup,
} from './import-protocol.js';

const IMPORT_CACHE_KIB = 16_384;

const setup = workerData as ImportWorkerSetup;
const port = must(parentPort, 'the parent port (this module runs in a worker thread)');
const post = (message: ImportWorkerMessage) => port.postMessage(message);

// Half the usual page cache: bulk inserts append in time order and measured as fast with 16 MB as
// with 32 MB, and the import stays under its 300 MB budget with the parse worker beside it.
const db = openDatabase(setup.dbPath, { cacheKib: IMPORT_CACHE_KIB });
// A pull starts this thread while it counts and fetches its first rows: the shipped rule pack is
// read and the active rules compiled now (this thread keeps both), not in the first chunk's import,
// where they took about 0.2 s of its time. A failure here is the import's to report.
try {
  if (ruleTablesExist(db)) {
    syncRulePack(db);
    activeRules(db);
  }
} catch {}

let abort: AbortController | null = null;
port.on('message', (command: ImportWorkerCommand) => {
  switch (command.type) {
    case 'cancel':
      abort?.abort();
      break;
    case 'import':
      void importOne(command);
      break;
    case 'close':
      db.close();
      port.close();
      break;
  }
});

async function importOne(input: ImportWorkerFile): Promise<void> {
  const controller = new AbortController();
  abort = controller;
  let importId: number | null = null;
  try {
    const record = await runImport(
      db,
      {
        file: input.file,
        format: input.format,
        preset: input.preset,
        labels: input.labels,
        origin: input.origin,
        enrich: setup.enrich,
        cacheDir: setup.cacheDir,
      },
      {
        signal: controller.signal,
        onStart: (id) => {
          importId = id;
          post({ type: 'start', importId: id });
        },
        onProgress: ({ record, sizeBytes }) => post({ type: 'progress', record, sizeBytes }),
      },
    );
    post({ type: 'done', record });
  } catch (error) {
    // A file refused before its import started has an import all the same: the error carries its id.
    const refused = (error as { importId?: number }).importId ?? null;
    post({ type: 'error', message: (error as Error).message, importId: importId ?? refused });
  } finally {
    abort = null;
  }
}
