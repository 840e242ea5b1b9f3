// A lookup table parsed from a package's CSV (a second or so) is kept as a binary file beside the
// database, keyed by the package version, and read back in milliseconds by later imports.
import fs from 'node:fs';
import path from 'node:path';

/**
 * The bytes of table `name`: read from `cacheDir`, else made by `parse` and written there (a temp
 * file renamed into place, so a concurrent reader never sees half of it). 8-byte aligned, for
 * 64-bit views.
 */
export function cachedTable(
  cacheDir: string | null,
  name: string,
  version: string,
  parse: () => ArrayBuffer,
): ArrayBuffer {
  const cacheFile = cacheDir ? path.join(cacheDir, `${name}-${version}.bin`) : null;
  if (cacheFile && fs.existsSync(cacheFile)) {
    const bytes = fs.readFileSync(cacheFile);
    return bytes.byteOffset % 8 === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  const table = parse();
  if (cacheFile) {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, new Uint8Array(table));
    fs.renameSync(temp, cacheFile);
  }
  return table;
}
