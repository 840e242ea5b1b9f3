// The writer sums the per-client rollup cells of many windows in memory (client-cells.ts) and
// stages each pair once per bound, in the order of their texts (the staged pairs are a B-tree
// keyed by them, larger than its page cache on a log of many clients). Each staged pair carries
// the window that first brought it and its source's country there, from which the staging takes
// a source's first country (db/staged-pairs.ts).
import { describe, expect, it } from 'vitest';
import type { StagedPair, StagedPairs } from '../../../src-main/core/db/staged-pairs.js';
import { ArrayPool } from '../../../src-main/core/ingest/array-pool.js';
import { BatchEncoder } from '../../../src-main/core/ingest/batch-codec.js';
import { ClientCells } from '../../../src-main/core/ingest/client-cells.js';
import { newWebRow } from '../../../src-main/core/ingest/formats/web-row.js';
import { type RollupSink, RollupWindow } from '../../../src-main/core/ingest/rollup-window.js';

type Staged = [string, string, string, number, number, number, number, number, number];

/** ClientCells over a staging that records what it is given. */
function recorded(bound?: number): { cells: ClientCells; staged: Staged[] } {
  const staged: Staged[] = [];
  const pairs = {
    add: (p: StagedPair) =>
      staged.push([p.src, p.dst, p.country, p.n, p.bytesIn, p.bytesOut, p.first, p.last, p.firstWindow]),
  } as unknown as StagedPairs;
  return { cells: new ClientCells(pairs, bound), staged };
}

/** A window of one web request per client (a line each, 1 000 bytes out), flushed into `cells`. */
function addWindow(cells: ClientCells, lines: { client: string; country: string }[], t0: number): void {
  const encoder = new BatchEncoder(lines.length);
  lines.forEach(({ client, country }, i) => {
    encoder.add({ ...newWebRow(t0 + i * 1000, client, i + 1), country, bytesOut: 1000 });
  });
  const batch = encoder.take([], 0, new ArrayPool());
  const window = new RollupWindow();
  window.startBatch(batch);
  for (let row = 0; row < batch.rows; row++) window.add(batch, row);
  const ignore = () => {};
  const sink = new Proxy({} as RollupSink, {
    get: (_target, name) => (name === 'pair' ? cells.add.bind(cells) : ignore),
  });
  window.flush(sink);
  cells.endWindow();
}

const T0 = Date.UTC(2024, 1, 1);

describe('client cells', () => {
  it('stage each pair once, summed over windows, in text order, with its first window and country', () => {
    const { cells, staged } = recorded();
    // Neither sorted nor in hash order; a plain IPv4 address, others that are not (a leading
    // zero is another text, so another client), IPv6, and one client twice in a window.
    addWindow(
      cells,
      [
        { client: '10.9.0.1', country: 'US' },
        { client: '10.10.0.2', country: 'CA' },
        { client: '2001:db8::1', country: 'NL' },
        { client: '010.9.0.1', country: 'DE' },
        { client: '10.9.0.1', country: 'FR' },
      ],
      T0,
    );
    addWindow(
      cells,
      [
        { client: '192.0.2.7', country: 'JP' },
        { client: '10.9.0.1', country: 'AT' },
        { client: '2001:db8::1', country: 'IL' },
      ],
      T0 + 60_000,
    );
    expect(staged).toEqual([]);
    cells.stage();
    // src, dst, country, sessions, bytes in, bytes out, first, last, first window
    expect(staged).toEqual([
      ['010.9.0.1', '', 'DE', 1, 0, 1000, T0 + 3000, T0 + 3000, 0],
      ['10.10.0.2', '', 'CA', 1, 0, 1000, T0 + 1000, T0 + 1000, 0],
      ['10.9.0.1', '', 'US', 3, 0, 3000, T0, T0 + 61_000, 0],
      ['192.0.2.7', '', 'JP', 1, 0, 1000, T0 + 60_000, T0 + 60_000, 1],
      ['2001:db8::1', '', 'NL', 2, 0, 2000, T0 + 2000, T0 + 62_000, 0],
    ]);
    staged.length = 0;
    cells.stage();
    expect(staged).toEqual([]);
  });

  it('stage as soon as they fill their bound, and start empty', () => {
    const { cells, staged } = recorded(3);
    const line = (client: string) => ({ client, country: 'US' });
    addWindow(cells, ['10.0.0.1', '10.0.0.2'].map(line), T0);
    expect(staged).toEqual([]);
    // The third cell fills the bound: the three are staged, the fourth is held.
    addWindow(cells, ['10.0.0.3', '10.0.0.1', '10.0.0.4'].map(line), T0 + 60_000);
    expect(staged.map(([src, , , n, , , , , window]) => [src, n, window])).toEqual([
      ['10.0.0.1', 1, 0],
      ['10.0.0.2', 1, 0],
      ['10.0.0.3', 1, 1],
    ]);
    // 10.0.0.1 again, as brought by window 1: the staging keeps the window 0 it staged first.
    cells.stage();
    expect(staged.slice(3).map(([src, , , n, , , , , window]) => [src, n, window])).toEqual([
      ['10.0.0.1', 1, 1],
      ['10.0.0.4', 1, 1],
    ]);
  });
});
