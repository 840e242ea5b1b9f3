// VIGIL_TRACE_INGEST=1: where an import's memory is, per thread, on stderr. Peak RSS is one
// figure for the whole process; the parser thread and the writer (the import's main thread) each
// report their own V8 heap and the memory outside it (ArrayBuffers, strings' external bytes), and
// the process's peak so far (VmHWM), so a growth can be pinned to a thread or, by elimination, to
// SQLite's native memory.
import fs from 'node:fs';
import v8 from 'node:v8';

const MB = 1024 * 1024;
// One line every this many batches (100 000 rows): about ten lines per million.
const EVERY_BATCHES = 10;

/** The process's resident set now and its peak so far, in MB (Linux; 0 where /proc is missing). */
export function processRss(): { rss: number; peak: number } {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = (name: string) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** This thread's memory as one trace line's fields. */
export function threadMemory(): string {
  const usage = process.memoryUsage();
  const heap = v8.getHeapStatistics();
  const { rss, peak } = processRss();
  const mb = (bytes: number) => (bytes / MB).toFixed(0);
  return (
    `heap ${mb(usage.heapUsed)}/${mb(usage.heapTotal)} MB, young ${mb(youngSpace())} MB, ` +
    `arrayBuffers ${mb(usage.arrayBuffers)} MB, external ${mb(usage.external)} MB, ` +
    `malloced ${mb(heap.malloced_memory)} MB; process rss ${rss.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`
  );
}

function youngSpace(): number {
  const spaces = v8.getHeapSpaceStatistics();
  let bytes = 0;
  for (const space of spaces)
    if (space.space_name === 'new_space' || space.space_name === 'new_large_object_space')
      bytes += space.space_size;
  return bytes;
}

/** A per-batch hook that prints `thread`'s memory every few batches, or null when not tracing. */
export function memoryTracer(thread: string): ((batchesSoFar: number) => void) | null {
  if (!process.env.VIGIL_TRACE_INGEST) return null;
  return (batches) => {
    if (batches % EVERY_BATCHES === 0)
      console.error(`ingest memory [${thread}] batch ${batches}: ${threadMemory()}`);
  };
}
