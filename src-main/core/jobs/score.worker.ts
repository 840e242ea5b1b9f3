// Scores every session with one model run off the main thread. Two connections: the feature
// pass reads through one while score batches are written through the other.
import { workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { scoreRun } from '../ml/train/score-run.js';
import type { ModelWorkerInput } from './model-protocol.js';
import { isAbort, modelWorkerPort } from './model-worker-port.js';

const input = workerData as Extract<ModelWorkerInput, { type: 'score' }>;
const port = modelWorkerPort();
const writer = openDatabase(input.dbPath);
const reader = openDatabase(input.dbPath, { readonly: true });
try {
  port.post({ type: 'run', runId: input.runId });
  const summary = await scoreRun(reader, writer, input.runId, {
    signal: port.signal,
    onProgress: (rows, total) =>
      port.progress(
        total > 0 ? Math.min(1, rows / total) : 1,
        `${rows.toLocaleString('en-US')} sessions scored`,
      ),
  });
  port.post({
    type: 'done',
    runId: input.runId,
    message: `Run ${input.runId}: ${summary.scored} sessions scored, ${summary.flagged} flagged`,
  });
} catch (error) {
  if (isAbort(error, port.signal)) port.post({ type: 'cancelled', runId: input.runId });
  else port.post({ type: 'error', runId: input.runId, message: (error as Error).message });
} finally {
  reader.close();
  writer.close();
  port.close();
}
