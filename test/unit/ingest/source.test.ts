// readSource decodes chunks of CHUNK_BYTES (just under 1 MiB): all-ASCII chunks by a plain copy,
// others by a streaming UTF-8 decoder. Checked on files whose characters straddle chunk edges,
// against Node's own decoding.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, readSource } from '../../../src-main/core/ingest/source.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

async function readAll(file: string, gzip = false) {
  const chunks: { text: string; ascii: boolean }[] = [];
  for await (const chunk of readSource(file, gzip, createHash('sha256'))) {
    // An ASCII chunk's bytes are its text, one byte per character.
    if (chunk.ascii) expect(chunk.ascii.toString('latin1')).toBe(chunk.text);
    chunks.push({ text: chunk.text, ascii: chunk.ascii !== null });
  }
  return { text: chunks.map((c) => c.text).join(''), ascii: chunks.map((c) => c.ascii) };
}

function write(bytes: Buffer): string {
  const file = path.join(tempDir(), 'f.csv');
  fs.writeFileSync(file, bytes);
  return file;
}

/** `n` bytes of ASCII lines. */
const asciiBytes = (n: number) => Buffer.alloc(n, 'a,b,c\n');

describe('readSource', () => {
  it('reads an ASCII file as ASCII chunks', async () => {
    const bytes = asciiBytes(2 * CHUNK_BYTES + 123);
    const { text, ascii } = await readAll(write(bytes));
    expect(text).toBe(bytes.toString('latin1'));
    expect(ascii).toEqual([true, true, true]);
  });

  it('keeps a character split across a chunk edge whole, and returns to ASCII chunks after it', async () => {
    // 'é' (2 bytes) straddles the first edge; the third chunk is ASCII again.
    const bytes = Buffer.concat([
      asciiBytes(CHUNK_BYTES - 1),
      Buffer.from('é€\n'),
      asciiBytes(2 * CHUNK_BYTES),
    ]);
    const { text, ascii } = await readAll(write(bytes));
    expect(text).toBe(bytes.toString('utf8'));
    expect(ascii).toEqual([false, false, true, true]);
  });

  it('marks a lead byte cut off by an ASCII chunk as U+FFFD', async () => {
    const bytes = Buffer.concat([asciiBytes(CHUNK_BYTES - 1), Buffer.from([0xc3]), asciiBytes(CHUNK_BYTES)]);
    const { text } = await readAll(write(bytes));
    expect(text).toBe(bytes.toString('utf8'));
    expect(text.indexOf('\uFFFD')).toBe(CHUNK_BYTES - 1);
  });

  it("keeps every decoded chunk under Node's external-string size, so dead chunks weigh on the heap", async () => {
    // Node makes a longer decoded text an external string (its threshold: 1 031 913 bytes), whose
    // memory V8's collector barely weighs: dead chunks then pile up between collections.
    const NODE_EXTERNAL_STRING_MIN = 1_031_913;
    for (const bytes of [asciiBytes(3 * 1024 * 1024), Buffer.from('é,x\n'.repeat(800_000))]) {
      const lengths: number[] = [];
      for await (const chunk of readSource(write(bytes), false, createHash('sha256')))
        lengths.push(chunk.text.length);
      expect(lengths.length).toBeGreaterThan(2);
      expect(Math.max(...lengths)).toBeLessThan(NODE_EXTERNAL_STRING_MIN);
    }
  });

  it('drops a BOM and turns invalid UTF-8 into U+FFFD, also in a gzip file', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('x,y\n'),
      Buffer.from([0xff, 0x0a]),
    ]);
    for (const gzip of [false, true]) {
      const { text } = await readAll(write(gzip ? gzipSync(bytes) : bytes), gzip);
      expect(text).toBe('x,y\n\uFFFD\n');
    }
  });
});
