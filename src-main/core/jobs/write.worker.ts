// Answers the calls that write to the database (services/write-service.ts) and the job control's
// database calls (services/job-store.ts) on its own connection, for the main side's Writer
// (jobs/writer.ts). Calls start in the order they arrive; better-sqlite3 runs each to its end.

import { parentPort, workerData } from 'node:worker_threads';
import type { VigilEvent } from '../../../src-shared/api.js';
import { must } from '../../../src-shared/must.js';
import { openDatabase } from '../db/open.js';
import type { PrintToPdf } from '../reports/pdf.js';
import { jobStore } from '../services/job-store.js';
import { writeService } from '../services/write-service.js';
import { StaleEditError } from '../triage/case-stale-edit.js';
import type { FromWriter, ToWriter, WriterCall, WriteWorkerInput } from './write-protocol.js';

const { dbPath, analyst } = workerData as WriteWorkerInput;
const port = must(parentPort, 'the parent port (this module runs in a worker thread)');
const db = openDatabase(dbPath);
const post = (message: FromWriter) => port.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const prints = new Map<number, { resolve(pdf: Uint8Array): void; reject(error: Error): void }>();
let nextPrint = 1;
/** PDFs are printed by the main side (see FromWriter). */
const printOnMain: PrintToPdf = (html) =>
  new Promise((resolve, reject) => {
    const id = nextPrint++;
    prints.set(id, { resolve, reject });
    post({ type: 'print', id, html });
  });

const emit = (event: VigilEvent) => post({ type: 'event', event });
type Call = (args: unknown) => Promise<unknown>;
const calls = {
  ...writeService({ db, emit, analyst, printToPdf: printOnMain }),
  ...jobStore(db),
} as unknown as Record<WriterCall, Call>;

port.on('message', async (message: ToWriter) => {
  if (message.type === 'printed') {
    const waiting = prints.get(message.id);
    prints.delete(message.id);
    if (message.ok) waiting?.resolve(message.pdf);
    else waiting?.reject(new Error(message.error));
    return;
  }
  if (message.type === 'close') {
    // The main side sends this once no call is waiting: closing checkpoints the WAL cleanly.
    db.close();
    port.close();
    return;
  }
  const { id, name, args } = message;
  try {
    post({ type: 'answer', id, ok: true, value: await calls[name](args) });
  } catch (error) {
    post({ type: 'answer', id, ok: false, error: messageOf(error), stale: error instanceof StaleEditError });
  }
});
