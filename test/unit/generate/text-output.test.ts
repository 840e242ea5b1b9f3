import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../../src-main/core/generate/line-buffer.js';
import { Rng } from '../../../src-main/core/generate/rng.js';
import { IsoSeconds } from '../../../src-main/core/generate/time-text.js';

describe('IsoSeconds', () => {
  it('formats like toISOString without milliseconds, across days, months and leap days', () => {
    const iso = new IsoSeconds();
    const rng = new Rng(9);
    const from = Date.UTC(2023, 11, 30);
    for (let i = 0; i < 5000; i++) {
      const ms = from + Math.floor(rng.float() * 90 * 86_400_000);
      expect(iso.format(ms)).toBe(new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
    expect(iso.format(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29T23:59:59Z');
  });
});

describe('LineBuffer', () => {
  it('keeps every line, in order, across 1 MiB chunks, with multi-byte characters intact', () => {
    const buffer = new LineBuffer();
    const lines: string[] = [];
    const chunks: Buffer[] = [];
    for (let i = 0; i < 40_000; i++) {
      const line = i % 1000 === 0 ? `${i} \u202e<script>é😀</script>` : `${i},${'x'.repeat(i % 97)}`;
      lines.push(line);
      buffer.add(line);
      if (buffer.ready) chunks.push(...buffer.take());
    }
    const huge = 'y'.repeat(600_000); // larger than a chunk can take at 3 bytes a character
    lines.push(huge);
    buffer.add(huge);
    chunks.push(...buffer.take(true));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 20);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${lines.join('\n')}\n`);
  });
});
