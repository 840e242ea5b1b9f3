// A file written in large chunks with backpressure, gzip-compressed when asked. Compression runs
// on libuv's thread pool, so it overlaps with generating the next chunk.
import { once } from 'node:events';
import fs from 'node:fs';
import type { TransformOptions, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip, type ZlibOptions } from 'node:zlib';

// Big chunks and a few MiB of queue (zlib streams pass stream options through): compression of
// one chunk overlaps generation of the next instead of waiting on 16 KiB thread-pool round trips.
const GZIP_OPTIONS: ZlibOptions & TransformOptions = { chunkSize: 1 << 18, writableHighWaterMark: 4 << 20 };

export class OutputFile {
  private readonly file: fs.WriteStream;
  private readonly head: Writable;
  private readonly done: Promise<void>;
  /** Rejects when the stream fails or ends: a write waiting for 'drain' must not wait forever. */
  private readonly stopped: Promise<never>;
  private failure: Error | null = null;

  constructor(
    readonly path: string,
    gzip: boolean,
  ) {
    this.file = fs.createWriteStream(path, { highWaterMark: 4 << 20 });
    const compressor = gzip ? createGzip(GZIP_OPTIONS) : null;
    this.head = compressor ?? this.file;
    this.done = compressor ? pipeline(compressor, this.file) : finished(this.file);
    // Remember a write error now; it is rethrown by the next write or by close.
    this.done.catch((error: Error) => {
      this.failure = error;
    });
    this.stopped = this.done.then(() => {
      throw new Error('the output stream ended before all data was written');
    });
    this.stopped.catch(() => {});
  }

  /**
   * Queues the chunks; `written` gets each back once the stream is done with it (so it can be
   * reused). Resolves when the stream can take more (immediately unless its buffer is full).
   */
  async write(chunks: readonly Buffer[], written?: (chunk: Buffer) => void): Promise<void> {
    if (this.failure) throw this.failure;
    let room = true;
    for (const chunk of chunks) {
      room = this.head.write(chunk, (error) => {
        if (!error) written?.(chunk);
      });
    }
    if (!room) await Promise.race([once(this.head, 'drain'), this.stopped]);
  }

  async close(): Promise<void> {
    this.head.end();
    await this.done;
  }

  /** Stops writing and removes what was written. */
  async discard(): Promise<void> {
    this.head.destroy();
    this.file.destroy();
    await this.done.catch(() => {});
    fs.rmSync(this.path, { force: true });
  }
}
