// Runs the detection rules over the whole database off the main thread, with its own connection.
import { parentPort, workerData } from 'node:worker_threads';
import { must } from '../../../src-shared/must.js';
import { openDatabase } from '../db/open.js';
import { runRulesOverDatabase } from '../rule-hits/rules-run.js';
import type { RulesWorkerCommand, RulesWorkerInput, RulesWorkerMessage } from './rules-protocol.js';

const input = workerData as RulesWorkerInput;
const port = must(parentPort, 'the parent port (this module runs in a worker thread)');
const post = (message: RulesWorkerMessage) => port.postMessage(message);
const abort = new AbortController();
port.on('message', (command: RulesWorkerCommand) => {
  if (command.type === 'cancel') abort.abort();
});

const db = openDatabase(input.dbPath);
try {
  const outcome = await runRulesOverDatabase(db, {
    signal: abort.signal,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'done', outcome });
} catch (error) {
  post({ type: 'error', message: (error as Error).message });
} finally {
  db.close();
  port.close();
}
