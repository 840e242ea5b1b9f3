import { describe, expect, it } from 'vitest';
import { ArrayPool } from '../../../src-main/core/ingest/array-pool.js';

describe('ArrayPool', () => {
  it('hands out arrays of the asked length, reusing the smallest spare buffer that fits', () => {
    const pool = new ArrayPool();
    const first = pool.float64(1000);
    expect(first.length).toBe(1000);
    expect(first.buffer.byteLength).toBeGreaterThanOrEqual(8000);
    const small = pool.int32(10);
    pool.give([first.buffer as ArrayBuffer, small.buffer as ArrayBuffer]);
    // 40 bytes fit the small buffer: the big one stays for a big request.
    expect(pool.int32(10).buffer).toBe(small.buffer);
    const again = pool.float64(900);
    expect(again.buffer).toBe(first.buffer);
    expect(again.length).toBe(900);
    // Nothing spare is left: a new buffer.
    expect(pool.float64(900).buffer).not.toBe(first.buffer);
  });

  it('makes a buffer asked for exactly at that size, and reuses it for the same size', () => {
    const pool = new ArrayPool();
    const batch = pool.float64(10_000, true);
    expect(batch.buffer.byteLength).toBe(80_000);
    // A window's copy gets room to grow into.
    expect(pool.float64(10_000).buffer.byteLength).toBeGreaterThan(80_000);
    pool.give([batch.buffer as ArrayBuffer]);
    expect(pool.float64(10_000, true).buffer).toBe(batch.buffer);
  });

  it('ignores buffers that were transferred away (detached, zero length)', () => {
    const pool = new ArrayPool();
    const array = pool.float64(16);
    structuredClone(array.buffer, { transfer: [array.buffer] });
    pool.give([array.buffer as ArrayBuffer]);
    expect(pool.float64(16).buffer.byteLength).toBeGreaterThan(0);
  });

  it('keeps no more spare bytes than its bound, and counts what it hands out again', () => {
    const pool = new ArrayPool(10_000);
    const a = pool.int32(1000);
    const b = pool.int32(1000);
    const c = pool.int32(1000);
    pool.give([a.buffer as ArrayBuffer, b.buffer as ArrayBuffer, c.buffer as ArrayBuffer]);
    // Two buffers of 5 000 bytes fit the bound, the third is let go.
    const taken = [pool.int32(1000).buffer, pool.int32(1000).buffer, pool.int32(1000).buffer];
    expect(
      taken.filter((buffer) => buffer === a.buffer || buffer === b.buffer || buffer === c.buffer),
    ).toHaveLength(2);
    // Handed out again, they no longer count: both can be given back and kept.
    pool.give([taken[0] as ArrayBuffer, taken[1] as ArrayBuffer]);
    const again = [pool.int32(1000).buffer, pool.int32(1000).buffer];
    expect(again).toContain(taken[0]);
    expect(again).toContain(taken[1]);
  });
});
