// Model weights as one byte blob for the registry: a JSON header (plain values, and where each
// typed array lies) followed by the arrays' bytes, 8-byte aligned. Unlike v8.serialize, the
// format does not depend on the V8 version, so a model saved by the desktop app (Electron's V8)
// loads in the CLI (Node's) and back.
import { must } from '../../../../src-shared/must.js';

type Typed = Int32Array | Float32Array | Float64Array | Uint8Array;
const TYPES = { Int32Array, Float32Array, Float64Array, Uint8Array } as const;
type TypeName = keyof typeof TYPES;

interface Header {
  format: 'vigil.weights/1';
  meta: unknown;
  arrays: { name: string; type: TypeName; offset: number; length: number }[];
}

const MAGIC = 0x5747_4956; // "VIGW"

export function packWeights(meta: unknown, arrays: Record<string, Typed>): Uint8Array {
  const entries: Header['arrays'] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(arrays)) {
    offset = align(offset);
    entries.push({ name, type: array.constructor.name as TypeName, offset, length: array.length });
    offset += array.byteLength;
  }
  const header = new TextEncoder().encode(
    JSON.stringify({ format: 'vigil.weights/1', meta, arrays: entries }),
  );
  const start = align(8 + header.length);
  const out = new Uint8Array(start + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  for (const entry of entries) {
    const array = must(arrays[entry.name], `the array ${entry.name}`);
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), start + entry.offset);
  }
  return out;
}

export function unpackWeights(bytes: Uint8Array): { meta: unknown; arrays: Record<string, Typed> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a Vigil model blob');
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  if (header.format !== 'vigil.weights/1') throw new Error(`unknown model blob format ${header.format}`);
  const start = align(8 + length);
  const arrays: Record<string, Typed> = {};
  for (const entry of header.arrays) {
    const Type = TYPES[entry.type];
    if (!Type) throw new Error(`model blob has an unknown array type ${entry.type}`);
    const from = start + entry.offset;
    const end = from + entry.length * Type.BYTES_PER_ELEMENT;
    if (end > bytes.byteLength) throw new Error(`model blob is truncated (array ${entry.name})`);
    // Copy into a fresh, aligned buffer: the blob's offset in its own buffer may be unaligned.
    arrays[entry.name] = new Type(bytes.slice(from, end).buffer);
  }
  return { meta: header.meta, arrays };
}

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}
