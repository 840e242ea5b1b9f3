// Trains one model off the main thread, with its own database connection.
import { workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { yieldToEvents } from '../features/index.js';
import { trainRun } from '../ml/train/train-run.js';
import type { ModelWorkerInput } from './model-protocol.js';
import { isAbort, modelWorkerPort } from './model-worker-port.js';

const input = workerData as Extract<ModelWorkerInput, { type: 'train' }>;
const port = modelWorkerPort();
const db = openDatabase(input.dbPath);
let runId: number | null = null;
try {
  const run = await trainRun(db, input.request, {
    signal: port.signal,
    onRunCreated: (id) => {
      runId = id;
      port.post({ type: 'run', runId: id });
    },
    onProgress: async (fraction, message) => {
      port.progress(fraction, message);
      // Let the cancel message and the heartbeat through between chunks of work.
      await yieldToEvents();
    },
  });
  const auc = run.metrics ? `, test ROC-AUC ${run.metrics.model.rocAuc.toFixed(3)}` : '';
  port.post({ type: 'done', runId: run.id, message: `Run ${run.id} (${run.kind}) trained${auc}` });
} catch (error) {
  if (isAbort(error, port.signal)) port.post({ type: 'cancelled', runId });
  else port.post({ type: 'error', runId, message: (error as Error).message });
} finally {
  db.close();
  port.close();
}
