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

  it('ignores buffers that were transferred away (detached, zero length)', () => {
    const pool = new ArrayPool();
    const array = pool.float64(16);
    structuredClone(array.buffer, { transfer: [array.buffer] });
    pool.give([array.buffer as ArrayBuffer]);
    expect(pool.float64(16).buffer.byteLength).toBeGreaterThan(0);
  });
});
