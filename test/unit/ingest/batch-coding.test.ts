// A batch column whose values hardly repeat (a query string with a request id, the clients of a
// public server) is coded once per row instead of through the lasting dictionary (batch-codec.ts):
// the rows must come out the same, texts and keys, as when every column goes through it.
import { describe, expect, it } from 'vitest';
import { ArrayPool } from '../../../src-main/core/ingest/array-pool.js';
import {
  BatchEncoder,
  type EncodedBatch,
  NUM,
  NUM_COLS,
  STR,
  STR_COLS,
} from '../../../src-main/core/ingest/batch-codec.js';
import { newWebRow } from '../../../src-main/core/ingest/formats/web-row.js';
import { StringCodes } from '../../../src-main/core/ingest/string-codes.js';
import type { SessionRow } from '../../../src-main/core/ingest/types.js';

const ROWS = 12_000;
const BATCH = 2_000;

/** Requests whose client and query hardly repeat, with a repeated path and a unique user agent. */
function rows(): SessionRow[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const row = newWebRow(
      Date.UTC(2024, 3, 25) + (i >> 3) * 1000,
      `10.${i % 7}.${(i * 13) % 251}.${i % 97}`,
      i + 1,
    );
    row.method = 'GET';
    row.path = `/page/${i % 40}`;
    // Every 50th query repeats the one 3 rows before: a text coded once may come again.
    row.query = i % 50 === 0 && i > 0 ? `v=${i - 3}` : `v=${i}`;
    row.userAgent = `agent/${i}`;
    row.bytesOut = i % 1000;
    return row;
  });
}

interface Decoded {
  texts: (string | null)[];
  keys: number[];
  ids: number[];
}

/** Each row's texts and keys, and the lasting id of each of its texts (-1: missing). */
function decode(batches: EncodedBatch[]): Decoded[] {
  const out: Decoded[] = [];
  for (const batch of batches) {
    for (let r = 0; r < batch.rows; r++) {
      const codes = Array.from(batch.str.subarray(r * STR_COLS, (r + 1) * STR_COLS));
      out.push({
        texts: codes.map((code) => (code < 0 ? null : batch.dict[code]!)),
        ids: codes.map((code) => (code < 0 ? -1 : batch.ids[code]!)),
        keys: [NUM.keyHash, NUM.natural, NUM.occurrence].map((lane) => batch.num[r * NUM_COLS + lane]!),
      });
    }
  }
  return out;
}

function encode(batchRows: number): EncodedBatch[] {
  const encoder = new BatchEncoder(batchRows);
  const pool = new ArrayPool();
  const batches: EncodedBatch[] = [];
  for (const row of rows()) {
    encoder.add(row);
    if (encoder.full) batches.push(encoder.take([], 0, pool));
  }
  if (encoder.rows > 0) batches.push(encoder.take([], 0, pool));
  return batches;
}

describe('coding a column once per row', () => {
  it('stores the same texts and keys as the dictionary does', () => {
    // One batch: every column goes through the dictionary (the choice is made between batches).
    const whole = decode(encode(ROWS));
    const batched = decode(encode(BATCH));
    expect(batched.map((row) => row.texts)).toEqual(whole.map((row) => row.texts));
    expect(batched.map((row) => row.keys)).toEqual(whole.map((row) => row.keys));
    // The repeated query text is one key as in the dictionary: the same natural key for the same row.
    expect(new Set(whole.map((row) => row.keys[1])).size).toBe(ROWS);
  });

  it('codes only the plain-text columns of mostly new values once, from the second batch on', () => {
    const batched = decode(encode(BATCH));
    const once = (row: Decoded, column: number) => !StringCodes.inDictionary(row.ids[column]!);
    // First batch: measured through the dictionary.
    expect(batched.slice(0, BATCH).some((row) => once(row, STR.query))).toBe(false);
    const later = batched.slice(BATCH);
    expect(later.every((row) => once(row, STR.query) && once(row, STR.srcIp))).toBe(true);
    // Interned by the writer (one lookup per distinct value per batch): never coded once.
    expect(later.some((row) => once(row, STR.userAgent) || once(row, STR.path))).toBe(false);
    // A repeated path keeps its lasting id from batch to batch.
    const pathIds = new Map<string, Set<number>>();
    for (const row of batched) {
      const path = row.texts[STR.path]!;
      if (!pathIds.has(path)) pathIds.set(path, new Set());
      pathIds.get(path)!.add(row.ids[STR.path]!);
    }
    for (const ids of pathIds.values()) expect(ids.size).toBe(1);
    // Ids coded once are never given to another text within an epoch.
    const owner = new Map<number, string>();
    for (const row of later) {
      const id = row.ids[STR.query]!;
      expect(owner.get(id) ?? row.texts[STR.query]).toBe(row.texts[STR.query]);
      owner.set(id, row.texts[STR.query]!);
    }
  });
});

describe('StringCodes.codeOnce', () => {
  it('gives each call a batch code and an id of its own, beyond the dictionary ids', () => {
    const codes = new StringCodes(1_000, 100_000, 2);
    expect(codes.code('a')).toBe(0);
    expect(codes.codeOnce('q', 1)).toBe(1);
    const first = codes.lastId;
    expect(codes.codeOnce('q', 1)).toBe(2);
    expect(codes.lastId).not.toBe(first);
    expect(StringCodes.inDictionary(first)).toBe(false);
    expect(codes.code('a')).toBe(0);
    expect(StringCodes.inDictionary(codes.lastId)).toBe(true);
    expect(codes.takeBatch()).toEqual(['a', 'q', 'q']);
  });

  it('starts a new epoch before the ids coded once could pass the rule engine’s span', () => {
    const codes = new StringCodes(1_000, 100_000, 1);
    let epochs = 0;
    let highest = 0;
    for (let batch = 0; batch < 120; batch++) {
      for (let i = 0; i < 10_000; i++) codes.codeOnce('v', 0);
      highest = Math.max(highest, codes.lastId);
      codes.takeBatch();
      if (codes.epoch !== epochs) epochs = codes.epoch;
    }
    expect(epochs).toBeGreaterThan(0);
    expect(highest).toBeLessThan(2 ** 22);
  });
});
