// What a .gz decompressed to just before its data broke. Node's Gunzip drops the output of the
// inflate call that fails, up to 16 KiB of records that were decoded whole (the last member's tail,
// when bytes that are not gzip follow it; the records before a corrupt spot), so an import would
// lose them without counting them. Inflating again, one input byte per call from where the failing
// call began, leaves the failing call nothing of its own to drop.
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';

const READ_BYTES = 1 << 20;

/** True for an error of the compressed data itself (not the end of the file coming early). */
export function isGzipDataError(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'Z_DATA_ERROR';
}

/**
 * The output of `file`'s gzip data beyond its first `skip` bytes, up to the break. `from` is where
 * the failing call began (the input the Gunzip had consumed, its `bytesWritten`): the bytes before
 * it are fed in large pieces, the ones after it singly.
 */
export async function* outputBeforeBreak(file: string, skip: number, from: number): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  const output: Buffer[] = [];
  gunzip.on('data', (chunk: Buffer) => output.push(chunk));
  const broke = new Promise<true>((resolve) => gunzip.once('error', () => resolve(true)));
  const handle = await fs.promises.open(file, 'r');
  let seen = 0;
  let at = 0;
  try {
    for (let done = false; !done; ) {
      const piece = Buffer.allocUnsafe(at < from ? Math.min(READ_BYTES, from - at) : 1);
      const { bytesRead } = await handle.read(piece, 0, piece.length, at);
      at += bytesRead;
      if (bytesRead === 0) gunzip.end();
      const written = new Promise<boolean>((resolve) =>
        bytesRead === 0 ? gunzip.once('end', () => resolve(true)) : gunzip.write(piece, () => resolve(false)),
      );
      done = await Promise.race([written, broke]);
      for (const chunk of output.splice(0)) {
        const fresh = chunk.subarray(Math.max(0, Math.min(chunk.length, skip - seen)));
        seen += chunk.length;
        if (fresh.length > 0) yield fresh;
      }
    }
  } finally {
    gunzip.destroy();
    await handle.close();
  }
}
