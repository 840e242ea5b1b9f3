// The streaming JSON writer the large exports share (STIX, sessions): its pieces put together are
// exactly JSON.stringify's text of the same value with the streamed arrays filled in, so a bundle
// written as it is made reads byte for byte as the one built whole did; the arrays are pulled one
// element at a time; and a write that fails closes the file and says why.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  jsonPieces,
  StreamedArray,
  streamedArray,
  writeChunks,
} from '../../../src-main/core/reports/json-stream.js';

/** The value with every streamed array made a plain one (what JSON.stringify is given to compare). */
function whole(value: unknown): unknown {
  if (value instanceof StreamedArray) return [...value.items].map(whole);
  if (Array.isArray(value)) return value.map(whole);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, whole(v)]));
  return value;
}

const text = (value: unknown, indent?: number) => [...jsonPieces(value, indent)].join('');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-json-stream-'));
  made.push(dir);
  return dir;
};

describe('jsonPieces', () => {
  const cases: [string, () => unknown][] = [
    [
      'a bundle with objects and a report whose refs stream',
      () => ({
        type: 'bundle',
        id: 'bundle--1',
        objects: streamedArray([
          { type: 'identity', id: 'identity--1', name: 'ana "quoted"\nnext line' },
          {
            type: 'report',
            id: 'report--1',
            labels: ['a', 'b'],
            object_refs: streamedArray(['x--1', 'x--2']),
          },
          { type: 'note', id: 'note--1', nested: { deep: [1, { two: [] }, {}] }, empty: '' },
        ]),
      }),
    ],
    ['an empty streamed array', () => ({ objects: streamedArray([]) })],
    ['a streamed array alone', () => streamedArray([1, 'two', null, [3], { four: 4 }])],
    [
      'members and elements with no JSON text',
      () => ({ a: undefined, f: () => 1, s: streamedArray([undefined, 1]) }),
    ],
    ['a plain value', () => ({ plain: [1, { two: 2 }], text: 'x\ty' })],
    [
      'streamed arrays within streamed arrays',
      () => streamedArray([streamedArray([1, 2]), streamedArray([])]),
    ],
    ['unicode and escapes', () => ({ s: streamedArray(['\u2028 é 😀 \\ "', '\u0000']) })],
  ];
  for (const indent of [2, 0, 4])
    it.each(cases)(`writes %s as JSON.stringify does (indent ${indent})`, (_name, make) => {
      expect(text(make(), indent)).toBe(JSON.stringify(whole(make()), null, indent));
    });

  it('pulls a streamed array one element at a time, as the text is taken', () => {
    let pulled = 0;
    function* items() {
      for (let i = 0; i < 3; i++) {
        pulled++;
        yield { i };
      }
    }
    const pieces = jsonPieces({ objects: streamedArray(items()) });
    const seen: number[] = [];
    for (const _ of pieces) seen.push(pulled);
    expect(Math.max(...seen)).toBe(3);
    // The first piece comes before any element is made; each element only when its text is asked for.
    expect(seen[0]).toBe(0);
    expect(seen.indexOf(2)).toBeGreaterThan(seen.indexOf(1));
  });

  it('refuses to let JSON.stringify write a streamed array as an empty object', () => {
    expect(() => JSON.stringify({ objects: streamedArray([1]) })).toThrow(/jsonPieces/);
  });
});

describe('writeChunks', () => {
  it('writes every piece, across many chunks', async () => {
    const file = path.join(tempDir(), 'out.json');
    const value = {
      objects: streamedArray(Array.from({ length: 20_000 }, (_, i) => ({ i, pad: 'x'.repeat(20) }))),
    };
    await writeChunks(file, jsonPieces(value));
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(whole(value), null, 2));
  });

  it('stops making pieces when a piece cannot be made, and closes the file', async () => {
    const file = path.join(tempDir(), 'out.json');
    let closed = false;
    function* pieces() {
      try {
        yield 'x'.repeat(100_000);
        throw new Error('the database went away');
      } finally {
        closed = true;
      }
    }
    await expect(writeChunks(file, pieces())).rejects.toThrow('the database went away');
    expect(closed).toBe(true);
  });

  it('fails with the file system error, and stops pulling pieces, when the file cannot be written', async () => {
    const folder = path.join(tempDir(), 'a-folder');
    fs.mkdirSync(folder);
    let finished = false;
    function* pieces() {
      try {
        for (let i = 0; i < 1000; i++) yield 'x'.repeat(70_000);
      } finally {
        finished = true;
      }
    }
    await expect(writeChunks(folder, pieces())).rejects.toThrow(/EISDIR/);
    expect(finished).toBe(true);
  });
});
