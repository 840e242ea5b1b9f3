// The rollup window keeps the strings of its cells (source addresses, rule names…) for the whole
// window. A value cut from a chunk of the file is a view into that chunk in V8 (13+ characters),
// so the window must keep copies: views kept every chunk alive, and an access log's import grew
// to the size of the file (470 MB peak RSS at 1 M Combined lines).
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ArrayPool } from '../../../src-main/core/ingest/array-pool.js';
import { BatchEncoder } from '../../../src-main/core/ingest/batch-codec.js';
import { newWebRow } from '../../../src-main/core/ingest/formats/web-row.js';
import { PAIR_ROOM, RollupWindow } from '../../../src-main/core/ingest/rollup-window.js';
import type { WindowState } from '../../../src-main/core/ingest/window-state.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const CHUNKS = 40;
const CHUNK_CHARS = 1 << 20;

/** A window that has summed one row per chunk, each row's client address cut from its chunk. */
function windowOverChunks(): RollupWindow {
  const window = new RollupWindow();
  const encoder = new BatchEncoder(CHUNKS);
  for (let c = 0; c < CHUNKS; c++) {
    // A fresh 1 MiB text per chunk, as the source yields them; the address is a slice of it.
    // IPv6: a plain IPv4 client is keyed by its number, no text kept (the window keeps the others).
    const address = `2001:db8::${100 + c} `;
    const chunk = address + 'x'.repeat(CHUNK_CHARS - address.length - c) + String(c);
    encoder.add(newWebRow(Date.UTC(2024, 1, 1) + c * 1000, chunk.slice(0, address.length - 1), c + 1));
  }
  const pool = new ArrayPool();
  const batch = encoder.take([], 0, pool);
  window.startBatch(batch);
  for (let i = 0; i < batch.rows; i++) window.add(batch, i);
  // The next batch comes: the window lets go of the last batch's own strings.
  window.startBatch(new BatchEncoder(1).take([], 0, pool));
  return window;
}

describe('rollup window memory', () => {
  it('keeps no chunk of the file alive through the strings it holds', () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const window = windowOverChunks();
    gc();
    const held = process.memoryUsage().heapUsed - before;
    // 40 addresses and a few cells: well under a megabyte. Views would hold 40 MiB of chunks.
    expect(held).toBeLessThan(8 * 1024 * 1024);
    expect(window.full).toBe(false);
  });

  it('keeps its pair tables within their room on a log with a new client per line', () => {
    const pool = new ArrayPool(0);
    const window = new RollupWindow();
    const handed: WindowState[] = [];
    for (let b = 0; b < 30; b++) {
      const encoder = new BatchEncoder(10_000);
      for (let i = 0; i < 10_000; i++) {
        const n = b * 10_000 + i;
        encoder.add(
          newWebRow(Date.UTC(2024, 1, 1) + n * 1000, `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`, n + 1),
        );
      }
      const batch = encoder.take([], 0, pool);
      window.startBatch(batch);
      for (let i = 0; i < batch.rows; i++) window.add(batch, i);
      if (window.full) handed.push(window.takeState(pool));
    }
    for (const state of handed) {
      // A table's index has two slots per cell of room: the pair table never doubled past 65 536
      // cells (4.5 MB with its index; the source table 1.5 MB). Doubled, both took 12 MB.
      expect(state.pairs.index.length).toBeLessThanOrEqual(2 * 65_536);
      expect(state.pairs.size).toBeLessThanOrEqual(PAIR_ROOM);
    }
    expect(handed.length).toBeGreaterThan(3);
  });
});
