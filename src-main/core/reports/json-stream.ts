// Large exports are written as they are made, never held whole: text goes to the file in chunks
// through a stream that is waited on whenever its buffer is full, and JSON is made in pieces, laid
// out exactly as JSON.stringify lays it out, with the arrays marked by `streamedArray` written one
// element at a time as their iterable yields them. The session CSV and JSON exports
// (session-files.ts) and the STIX bundle (stix.ts) are written through this one module.

import { once } from 'node:events';
import fs from 'node:fs';

// Pieces are joined into chunks of about this many characters per write: a write per line spent
// more time in the stream than in making the line.
const CHUNK_CHARS = 1 << 16;

/**
 * Writes the pieces to `file` (created or truncated) in chunks. A failed write (a full disk) or a
 * piece that cannot be made (a read error) ends the writing with that error and closes the file.
 */
export async function writeChunks(file: string, pieces: Iterable<string>): Promise<void> {
  const out = fs.createWriteStream(file);
  const failed = once(out, 'error').then(([error]) => Promise.reject(error));
  failed.catch(() => {});
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  try {
    let chunk = '';
    for (const piece of pieces) {
      chunk += piece;
      if (chunk.length < CHUNK_CHARS) continue;
      await write(chunk);
      chunk = '';
    }
    if (chunk.length > 0) await write(chunk);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/** An array of JSON values written by `jsonPieces` one element at a time, as `items` yields them. */
export class StreamedArray {
  constructor(readonly items: Iterable<unknown>) {}

  toJSON(): never {
    throw new Error('A streamed array is written by jsonPieces, not by JSON.stringify.');
  }
}

export const streamedArray = (items: Iterable<unknown>): StreamedArray => new StreamedArray(items);

const isStreamed = (value: unknown): value is StreamedArray => value instanceof StreamedArray;

/** A plain object with a streamed array among its own members (not deeper). */
const holdsStreamed = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  !isStreamed(value) &&
  Object.values(value).some(isStreamed);

/**
 * The JSON text of `value` as `JSON.stringify(value, null, indent)` writes it, in pieces. A
 * StreamedArray is written element by element, and so is a plain object with one among its own
 * members (a bundle and its objects; a report and its refs); any other value, an element of a
 * streamed array included, is JSON.stringify's own text, indented to where it stands.
 */
export function* jsonPieces(value: unknown, indent = 2, depth = 0): Generator<string> {
  const newline = indent > 0 ? '\n' : '';
  const inner = newline + ' '.repeat(indent * (depth + 1));
  const outer = newline + ' '.repeat(indent * depth);
  if (isStreamed(value)) {
    let first = true;
    for (const item of value.items) {
      yield first ? `[${inner}` : `,${inner}`;
      first = false;
      // As in JSON.stringify, an element that has no JSON text (undefined, a function) is null.
      if (isStreamed(item) || holdsStreamed(item)) yield* jsonPieces(item, indent, depth + 1);
      else yield reindent(JSON.stringify(item, null, indent) ?? 'null', inner);
    }
    yield first ? '[]' : `${outer}]`;
    return;
  }
  if (holdsStreamed(value)) {
    let first = true;
    for (const [key, member] of Object.entries(value)) {
      const nested = isStreamed(member) || holdsStreamed(member);
      const text = nested ? '' : JSON.stringify(member, null, indent);
      // As in JSON.stringify, a member that has no JSON text (undefined, a function) is left out.
      if (text === undefined) continue;
      yield `${first ? '{' : ','}${inner}${JSON.stringify(key)}:${indent > 0 ? ' ' : ''}`;
      first = false;
      if (nested) yield* jsonPieces(member, indent, depth + 1);
      else yield reindent(text, inner);
    }
    yield first ? '{}' : `${outer}}`;
    return;
  }
  const text = JSON.stringify(value, null, indent);
  if (text !== undefined) yield reindent(text, outer);
}

/** JSON.stringify's text set at an indentation: its own line breaks (never inside a string) moved in. */
function reindent(text: string, lineStart: string): string {
  return lineStart.length > 1 ? text.replaceAll('\n', lineStart) : text;
}
