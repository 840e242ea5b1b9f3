// The worker side of a model job: cancel messages become an AbortSignal, progress is posted at
// most every THROTTLE_MS and re-posted by a heartbeat, so the main side hears from a busy worker
// at least every 500 ms whenever the work yields (between epochs, batches) or reports from inside
// synchronous work (random-forest trees). A cancel is also read synchronously at each progress
// call, since synchronous work never lets the 'message' event fire.

import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { must } from '../../../src-shared/must.js';
import type { ModelWorkerCommand, ModelWorkerMessage } from './model-protocol.js';

const THROTTLE_MS = 200;
const HEARTBEAT_MS = 400;

export function modelWorkerPort() {
  const port = must(parentPort, 'the parent port (this runs in a worker thread)');
  const abort = new AbortController();
  const obey = (command: ModelWorkerCommand) => {
    if (command.type === 'cancel') abort.abort();
  };
  port.on('message', obey);
  const pollCommands = () => {
    for (let queued = receiveMessageOnPort(port); queued; queued = receiveMessageOnPort(port))
      obey(queued.message as ModelWorkerCommand);
  };
  const post = (message: ModelWorkerMessage) => port.postMessage(message);
  let last: ModelWorkerMessage | null = null;
  let lastAt = 0;
  const heartbeat = setInterval(() => {
    if (last && performance.now() - lastAt >= HEARTBEAT_MS) {
      lastAt = performance.now();
      post(last);
    }
  }, HEARTBEAT_MS);
  return {
    signal: abort.signal,
    post,
    /** Posts progress unless one went out less than THROTTLE_MS ago (the heartbeat sends the latest). */
    progress(fraction: number, message: string): void {
      pollCommands();
      last = { type: 'progress', fraction, message };
      if (performance.now() - lastAt < THROTTLE_MS) return;
      lastAt = performance.now();
      post(last);
    },
    close(): void {
      clearInterval(heartbeat);
      port.close();
    },
  };
}

export const isAbort = (error: unknown, signal: AbortSignal) =>
  signal.aborted || (error as Error | undefined)?.name === 'AbortError';
