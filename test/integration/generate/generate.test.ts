import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../../src-main/core/generate/session.js';
import { OUTPUT_FORMATS } from '../../../src-main/core/generate/writers/index.js';
import { generate, readCloudwatch, readSidecar, tempDirs } from './harness.js';

const tempDir = tempDirs();
const DAY = 86_400_000;

describe('vigil generate output', () => {
  it.each(OUTPUT_FORMATS)(
    'is byte-identical for the same seed and differs for another (%s)',
    async (format) => {
      const dir = tempDir();
      const a = await generate(dir, { format, rows: 5000, seed: 7, name: 'a' });
      const b = await generate(dir, { format, rows: 5000, seed: 7, name: 'b' });
      await generate(dir, { format, rows: 5000, seed: 8, name: 'c' });
      const read = (name: string) => fs.readFileSync(path.join(dir, name));
      expect(read('b').equals(read('a'))).toBe(true);
      expect(read('c').equals(read('a'))).toBe(false);
      expect(b).toEqual({ ...a, out: b.out, labelsFile: b.labelsFile });
      if (a.labelsFile) {
        expect(read('b.labels.csv').equals(read('a.labels.csv'))).toBe(true);
      }
    },
  );

  it('has exactly the asked share of attacks, every kind present from 10 000 rows', async () => {
    const dir = tempDir();
    const result = await generate(dir, { rows: 10_000, attackRate: 0.03 });
    expect(result.rows).toBe(10_000);
    expect(10_000 - result.labels.benign).toBe(300);
    for (const label of LABELS) expect(result.labels[label], label).toBeGreaterThan(0);
    const counted = Object.fromEntries(LABELS.map((label) => [label, 0]));
    for (const s of readCloudwatch(result.out)) counted[s.label]!++;
    expect(counted).toEqual(result.labels);

    const other = await generate(dir, { rows: 12_345, attackRate: 0.07, name: 'other.csv' });
    expect(12_345 - other.labels.benign).toBe(Math.round(12_345 * 0.07));
    const none = await generate(dir, { rows: 2000, attackRate: 0, name: 'none.csv' });
    expect(none.labels.benign).toBe(2000);
  });

  it('writes sessions in time order inside the asked range', async () => {
    const dir = tempDir();
    const start = Date.UTC(2024, 0, 1, 12);
    const result = await generate(dir, { rows: 20_000, start, days: 2, attackRate: 0.1 });
    const sessions = readCloudwatch(result.out);
    expect(sessions).toHaveLength(20_000);
    for (let i = 1; i < sessions.length; i++) expect(sessions[i]!.start >= sessions[i - 1]!.start).toBe(true);
    expect(sessions[0]!.start).toBeGreaterThanOrEqual(start);
    expect(sessions.at(-1)!.start).toBeLessThan(start + 2 * DAY);
    for (const s of sessions) expect(s.end >= s.start && s.end - s.start <= 41 * 60_000).toBe(true);
    expect(result.start).toBe('2024-01-01T12:00:00.000Z');
    expect(result.end).toBe('2024-01-03T12:00:00.000Z');
  });

  it('compresses to .gz whose text is the uncompressed output', async () => {
    const dir = tempDir();
    const plain = await generate(dir, { rows: 8000, name: 'x.csv' });
    const packed = await generate(dir, { rows: 8000, name: 'x.csv.gz' });
    const compressed = fs.readFileSync(packed.out);
    expect(compressed.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(packed.bytes).toBe(compressed.length);
    expect(packed.bytes).toBeLessThan(plain.bytes / 3);
    expect(gunzipSync(compressed).equals(fs.readFileSync(plain.out))).toBe(true);
  });

  it.each(['vpc-flow', 'waf-json'] as const)(
    'labels every %s record in the sidecar, by line number',
    async (format) => {
      const dir = tempDir();
      const result = await generate(dir, { format, rows: 10_000, name: 'x.log' });
      expect(result.labelsFile).toBe(`${result.out}.labels.csv`);
      const labels = readSidecar(result.labelsFile!);
      const lines = fs.readFileSync(result.out, 'utf8').trimEnd().split('\n');
      expect(labels.size).toBe(result.records);
      expect(lines.length).toBe(result.records + result.nodata + (format === 'vpc-flow' ? 1 : 0));
      for (const [n, label] of labels) {
        expect(LABELS).toContain(label);
        expect(lines[n - 1]).not.toMatch(/NODATA|^version /);
      }
      const unlabelled = lines.map((_, i) => i + 1).filter((n) => !labels.has(n));
      if (format === 'vpc-flow') {
        expect(unlabelled[0]).toBe(1); // the header
        expect(result.nodata).toBeGreaterThan(0);
        for (const n of unlabelled.slice(1)) expect(lines[n - 1]).toMatch(/ NODATA$/);
        // Two records per answered session, one per refused probe: never more, rarely fewer.
        expect(result.records).toBeLessThanOrEqual(2 * result.rows);
        expect(result.records).toBeGreaterThan(2 * result.rows - (result.labels.port_scan ?? 0) - 1);
      } else {
        expect(unlabelled).toEqual([]);
        expect(result.records).toBe(result.rows);
      }
    },
  );

  it('refuses options it cannot honour, before writing anything', async () => {
    const dir = tempDir();
    await expect(generate(dir, { rows: 0 })).rejects.toThrow(/rows/);
    await expect(generate(dir, { days: 0.5 })).rejects.toThrow(/days/);
    await expect(generate(dir, { attackRate: 1 })).rejects.toThrow(/attack rate/);
    await expect(generate(dir, { seed: -1 })).rejects.toThrow(/seed/);
    await expect(generate(dir, { start: Number.NaN })).rejects.toThrow(/start/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
