import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';

const EDGE_BYTES = 64 * 1024;

export interface SourceInfo {
  sizeBytes: number;
  gzip: boolean;
  /** sha256 of size + first and last 64 KiB: finds a likely re-import without reading the file. */
  quickHash: string;
}

export function inspectSource(file: string): SourceInfo {
  const fd = fs.openSync(file, 'r');
  try {
    const { size } = fs.fstatSync(fd);
    const head = Buffer.alloc(Math.min(EDGE_BYTES, size));
    fs.readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(EDGE_BYTES, size));
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    const quickHash = createHash('sha256').update(String(size)).update(head).update(tail).digest('hex');
    return { sizeBytes: size, gzip: head[0] === 0x1f && head[1] === 0x8b, quickHash };
  } finally {
    fs.closeSync(fd);
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Decompressed text of the first `chars` characters, for format detection. */
export async function readHead(file: string, gzip: boolean, chars = 64 * 1024): Promise<string> {
  const raw = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder('utf-8');
  let text = '';
  try {
    for await (const chunk of stream) {
      text += decoder.decode(chunk as Buffer, { stream: true });
      if (text.length >= chars) break;
    }
  } catch {
    // A truncated or corrupt gzip still yields its first bytes for detection; the import reports the error.
  } finally {
    raw.destroy();
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface SourceChunk {
  text: string;
  /** Compressed bytes consumed so far (progress is measured against the file size). */
  bytesRead: number;
}

/**
 * Streams the file as decoded text, hashing the raw bytes on the way (the import's sha256).
 * Invalid UTF-8 becomes U+FFFD, which the field parsers reject with a clear reason.
 */
export async function* readSource(
  file: string,
  gzip: boolean,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<SourceChunk> {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const stream = gzip ? raw.pipe(counter).pipe(createGunzip()) : raw.pipe(counter);
  raw.on('error', (error) => stream.destroy(error));
  if (gzip) counter.on('error', (error) => stream.destroy(error));
  const decoder = new TextDecoder('utf-8');
  let first = true;
  try {
    for await (const chunk of stream) {
      let text = decoder.decode(chunk as Buffer, { stream: true });
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      yield { text, bytesRead };
    }
    const rest = decoder.decode();
    if (rest) yield { text: rest, bytesRead };
  } finally {
    raw.destroy();
  }
}
