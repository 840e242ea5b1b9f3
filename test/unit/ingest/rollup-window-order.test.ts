// A window hands its pairs to the writer in the order of their texts: the staged pairs are a
// B-tree keyed by them, larger than its page cache on a log of many clients, so upserts in hash
// order read another page each time. The sums are the same in any order. Each pair carries its
// source's country; the staging sums the sources from the pairs (db/staged-pairs.ts).
import { describe, expect, it } from 'vitest';
import { ArrayPool } from '../../../src-main/core/ingest/array-pool.js';
import { BatchEncoder } from '../../../src-main/core/ingest/batch-codec.js';
import { newWebRow } from '../../../src-main/core/ingest/formats/web-row.js';
import { type RollupSink, RollupWindow } from '../../../src-main/core/ingest/rollup-window.js';

describe('rollup window flush order', () => {
  it('upserts pairs in the order of their texts, each with its sums and its source country', () => {
    // Clients in an order that is neither sorted nor their hash order, one twice.
    const clients = [
      '10.9.0.1',
      '10.10.0.2',
      '192.0.2.7',
      '10.1.0.3',
      '172.16.5.5',
      '10.9.0.1',
      '2001:db8::1',
    ];
    const encoder = new BatchEncoder(clients.length);
    clients.forEach((client, i) => {
      // A country per line: a source's is the first one seen (10.9.0.1's second line has another).
      encoder.add({ ...newWebRow(Date.UTC(2024, 1, 1) + i * 1000, client, i + 1), country: `C${i}` });
    });
    const batch = encoder.take([], 0, new ArrayPool());
    const window = new RollupWindow();
    window.startBatch(batch);
    for (let row = 0; row < batch.rows; row++) window.add(batch, row);
    const pairs: [string, string, number][] = [];
    const ignore = () => {};
    const sink = new Proxy({} as RollupSink, {
      get: (_target, name) =>
        name === 'pair'
          ? (src: string, _dst: string, country: string, n: number) => pairs.push([src, country, n])
          : ignore,
    });
    window.flush(sink);
    const expected = [...new Set(clients)]
      .sort()
      .map((client) => [client, `C${clients.indexOf(client)}`, client === '10.9.0.1' ? 2 : 1]);
    expect(pairs).toEqual(expected);
  });
});
