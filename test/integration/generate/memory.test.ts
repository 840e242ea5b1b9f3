// Memory stays flat in the row count, and generation is fast: measured in child processes.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from './harness.js';

const tempDir = tempDirs();
const CHILD = path.join(import.meta.dirname, 'measure-child.ts');

interface Measure {
  rows: number;
  bytes: number;
  seconds: number;
  peakMb: number;
}

function measure(rows: number, out: string): Measure {
  const json = execFileSync(
    process.execPath,
    ['--import', 'tsx', CHILD, String(rows), 'cloudwatch-csv', out],
    {
      encoding: 'utf8',
      cwd: path.resolve(import.meta.dirname, '..', '..', '..'),
    },
  );
  return JSON.parse(json) as Measure;
}

describe('generator resources', () => {
  it('writes 1 M CloudWatch rows under 200 MB peak RSS, barely more than 100 k rows need', () => {
    const dir = tempDir();
    const small = measure(100_000, path.join(dir, 'small.csv'));
    const large = measure(1_000_000, path.join(dir, 'large.csv'));
    console.log(
      `generate: 1 M cloudwatch-csv rows (${(large.bytes / 1e6).toFixed(0)} MB) in ${large.seconds.toFixed(2)} s = ${Math.round(large.rows / large.seconds).toLocaleString('en-US')} rows/s; peak RSS ${large.peakMb.toFixed(0)} MB (100 k rows: ${small.peakMb.toFixed(0)} MB)`,
    );
    expect(large.rows).toBe(1_000_000);
    expect(large.bytes).toBeGreaterThan(150e6);
    expect(large.peakMb).toBeLessThan(200);
    // Ten times the rows: the file grows tenfold, memory by a few MB (a bigger client population).
    expect(large.peakMb - small.peakMb).toBeLessThan(40);
    // A loose floor that only a pathological slowdown would break on a loaded machine.
    expect(large.rows / large.seconds).toBeGreaterThan(50_000);
  }, 120_000);
});
