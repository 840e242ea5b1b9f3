import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { EventSpoolReader, isEventSpool } from './event-spool.js';
import { isGzipDataError, outputBeforeBreak } from './gunzip-break.js';

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

/**
 * Beyond `chars`, the head keeps growing until it holds a few whole lines, up to this: a log whose
 * first line is a 70 000-character request is still recognised by the lines after it.
 */
const HEAD_MAX_CHARS = 4 * 1024 * 1024;
const HEAD_MIN_LINES = 4;

/** Decompressed text of the first `chars` characters (more for very long lines), for format detection. */
export async function readHead(file: string, gzip: boolean, chars = 64 * 1024): Promise<string> {
  const raw = gzip ? null : fs.createReadStream(file, { highWaterMark: 64 * 1024 });
  // As the import reads it, so a .gz that breaks still shows the text before the break.
  const stream = raw ?? gzipBytes(file);
  const decoder = new TextDecoder('utf-8');
  let text = '';
  try {
    for await (const chunk of stream) {
      text += decoder.decode(chunk as Buffer, { stream: true });
      if (text.length >= chars && (text.length >= HEAD_MAX_CHARS || linesIn(text) >= HEAD_MIN_LINES)) break;
    }
  } catch {
    // A truncated or corrupt gzip still yields its first bytes for detection; the import reports the error.
  } finally {
    raw?.destroy();
  }
  const head = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // What the format parser will read of a spool of pulled events: the messages, not their ids.
  return isEventSpool(head) ? new EventSpoolReader().push(head) : head;
}

async function* gzipBytes(file: string): AsyncGenerator<Buffer> {
  for await (const chunk of gunzippedChunks(file, createHash('sha256'))) yield chunk.bytes;
}

function linesIn(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1 && lines < HEAD_MIN_LINES; at = text.indexOf('\n', at + 1))
    lines++;
  return lines;
}

/**
 * Refuses a file whose head holds no text at all, which no format could be detected from: saying
 * "could not recognise the format" of an empty file sends the user looking for the wrong option.
 * (`head` is the whole file when it is shorter than readHead's limit, which is all a blank head can be.)
 */
export function refuseBlank(head: string, fileName: string, gzip: boolean): void {
  if (head.trim() !== '') return;
  throw new Error(
    gzip
      ? `${fileName} holds no line to import: it is empty, or its compressed data cannot be read.`
      : `${fileName} is empty: it holds no line to import.`,
  );
}

/**
 * Refuses a file of UTF-16 text (what Windows PowerShell's `Out-File` and `>` write): read as UTF-8
 * it is a NUL beside every ASCII character, so no format is detected ("pass --format", which could
 * not help) and, with --format, every line is refused. Known by its byte order mark (read as UTF-8:
 * two U+FFFD) or, without one, by NULs in every other place of an ASCII-looking head. A log with a
 * run of NULs (a crash's zero-filled tail) has them in both places, so it is not taken for UTF-16.
 */
export function refuseUtf16(head: string, fileName: string): void {
  const text = head.startsWith('\uFFFD\uFFFD') ? head.slice(2) : head;
  const sample = Math.min(text.length, 512) & ~1;
  if (sample < 8) return;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample; i += 2) {
    if (text.charCodeAt(i) === 0) evenNuls++;
    if (text.charCodeAt(i + 1) === 0) oddNuls++;
  }
  const pairs = sample / 2;
  const most = Math.max(evenNuls, oddNuls);
  const least = Math.min(evenNuls, oddNuls);
  if (most < pairs * 0.9 || least > pairs * 0.1) return;
  throw new Error(
    `${fileName} is UTF-16 text; Vigil reads UTF-8: convert it first (iconv -f UTF-16 -t UTF-8, or PowerShell's Out-File -Encoding utf8).`,
  );
}

export interface SourceChunk {
  text: string;
  /** The same chunk as bytes when it is all ASCII (then character i is byte i), else null. */
  ascii: Buffer | null;
  /** Compressed bytes consumed so far (progress is measured against the file size). */
  bytesRead: number;
}

// Just under 1 MiB: Node decodes a longer text into an external string, whose memory is outside
// the JS heap, so a thread that makes little garbage of its own lets decoded chunks pile up until a
// collection happens to run (Node's external-string threshold is 1 031 913 bytes). Measured on a
// 1 M-row CloudWatch import: peak RSS 276–291 MB with 1 MiB chunks, 240–243 MB with these.
export const CHUNK_BYTES = 1_000_000;

/**
 * Streams the file as decoded text, hashing the raw bytes on the way (the import's sha256).
 * Invalid UTF-8 becomes U+FFFD, which the field parsers reject with a clear reason.
 */
export async function* readSource(
  file: string,
  gzip: boolean,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<SourceChunk> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  let bytesRead = 0;
  // True while the decoder holds no bytes of a character split across chunks.
  let decoderClean = true;
  for await (const chunk of (gzip ? gunzippedChunks : plainChunks)(file, hash)) {
    const bytes = chunk.bytes;
    bytesRead = chunk.bytesRead;
    if (decoderClean && isAscii(bytes)) {
      // ASCII is its own Latin-1 decoding: a plain copy, ten times faster than the UTF-8 decoder
      // (about 0.2 s per million CloudWatch rows). A BOM is not ASCII, so it takes the decoder.
      first = false;
      yield { text: bytes.toString('latin1'), ascii: bytes, bytesRead };
      continue;
    }
    let text = decoder.decode(bytes, { stream: true });
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const ascii = asciiBytes(text, bytes);
    // An all-ASCII chunk that decoded one character per byte carried nothing in or out.
    decoderClean = ascii !== null;
    yield { text, ascii, bytesRead };
  }
  const rest = decoder.decode();
  if (rest) yield { text: rest, ascii: null, bytesRead };
}

interface RawChunk {
  /** Valid until the next chunk is asked for. */
  bytes: Buffer;
  bytesRead: number;
}

/**
 * A plain file in chunks read into one reused buffer. A new buffer per chunk (what a read
 * stream makes) lives outside the JS heap, so it is freed only when a collection happens to run:
 * a parser that makes little garbage of its own then lets tens of them pile up.
 */
async function* plainChunks(file: string, hash: ReturnType<typeof createHash>): AsyncGenerator<RawChunk> {
  const handle = await fs.promises.open(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let bytesRead = 0;
  try {
    for (;;) {
      const { bytesRead: n } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (n === 0) return;
      bytesRead += n;
      const bytes = buffer.subarray(0, n);
      hash.update(bytes);
      yield { bytes, bytesRead };
    }
  } finally {
    await handle.close();
  }
}

/** A gzip'd file, decompressed; `bytesRead` counts the compressed bytes consumed. */
async function* gunzippedChunks(file: string, hash: ReturnType<typeof createHash>): AsyncGenerator<RawChunk> {
  const raw = fs.createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const gunzip = createGunzip();
  const stream = raw.pipe(counter).pipe(gunzip);
  raw.on('error', (error) => stream.destroy(error));
  counter.on('error', (error) => stream.destroy(error));
  let produced = 0;
  try {
    for await (const chunk of stream) {
      produced += (chunk as Buffer).length;
      yield { bytes: chunk as Buffer, bytesRead };
    }
  } catch (error) {
    if (!isGzipDataError(error)) throw error;
    // The records the failing inflate call decoded before the break, which Gunzip dropped.
    for await (const bytes of outputBeforeBreak(file, produced, gunzip.bytesWritten))
      yield { bytes, bytesRead };
    throw error;
  } finally {
    raw.destroy();
  }
}

/**
 * `bytes` when `text` is their decoding one byte per character: all ASCII, and no character
 * carried over from the chunk before (which would shift every offset).
 */
export function asciiBytes(text: string, bytes: Buffer): Buffer | null {
  return text.length === bytes.length && isAscii(bytes) ? bytes : null;
}
