// Answers read-only API calls (services/read-service.ts) on its own database connection, one at a
// time, for the read pool on the main thread.

import { parentPort, workerData } from 'node:worker_threads';
import { must } from '../../../src-shared/must.js';
import { openDatabase } from '../db/open.js';
import { readService } from '../services/read-service.js';
import type { ReadAnswer, ReadRequest, ReadWorkerInput } from './read-protocol.js';

const { dbPath } = workerData as ReadWorkerInput;
const port = must(parentPort, 'the parent port (this module runs in a worker thread)');
const service = readService(openDatabase(dbPath));

port.on('message', async ({ id, name, args }: ReadRequest) => {
  let answer: ReadAnswer;
  try {
    const call = service[name] as (args: unknown) => Promise<unknown>;
    answer = { id, ok: true, value: await call(args) };
  } catch (error) {
    answer = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
