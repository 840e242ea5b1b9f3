// Parses one file on its own thread and streams encoded batches to the writer, which grants
// credits so memory stays flat however large the file is.
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { ArrayPool } from './array-pool.js';
import { transferList } from './batch-codec.js';
import { memoryTracer } from './memory-trace.js';
import { parseFile } from './parse-file.js';
import {
  BATCHES_IN_FLIGHT,
  type ParseWorkerCommand,
  type ParseWorkerInput,
  type ParseWorkerMessage,
} from './parse-protocol.js';

const port = parentPort!;
const post = (message: ParseWorkerMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);
let credits = BATCHES_IN_FLIGHT;
let cancelled = false;
let wake: (() => void) | null = null;
const pool = new ArrayPool();
const trace = memoryTracer('parser');
let emitted = 0;
// Reported with the outcome: how large this thread's heap and ArrayBuffers grew (tests bound them).
let heapPeak = 0;
let buffersPeak = 0;
port.on('message', (command: ParseWorkerCommand) => {
  if (command.type === 'credit') {
    credits++;
    pool.give(command.spent);
  } else cancelled = true;
  wake?.();
});

async function emit(batch: Parameters<typeof transferList>[0]): Promise<void> {
  while (credits === 0 && !cancelled) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  post({ type: 'batch', batch }, transferList(batch));
  heapPeak = Math.max(heapPeak, v8.getHeapStatistics().total_heap_size);
  buffersPeak = Math.max(buffersPeak, process.memoryUsage().arrayBuffers);
  trace?.(++emitted);
}

// The writer stops this thread once it has the final message; closing the port here could drop it.
try {
  const outcome = await parseFile(workerData as ParseWorkerInput, emit, () => cancelled, pool);
  post({ type: 'done', outcome: { ...outcome, parserHeapPeak: heapPeak, parserBuffersPeak: buffersPeak } });
} catch (error) {
  post({ type: 'error', message: (error as Error).message });
}
