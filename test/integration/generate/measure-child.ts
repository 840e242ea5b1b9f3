// Run in a child process by memory.test.ts: generates one file and reports time and peak memory.
// A separate process so the figure is this generation's alone, not the test runner's.
import fs from 'node:fs';
import { generateTraffic } from '../../../src-main/core/generate/generate.js';
import type { OutputFormat } from '../../../src-main/core/generate/writers/index.js';

const [rows, format, out] = process.argv.slice(2);
const started = performance.now();
const result = await generateTraffic({
  rows: Number(rows),
  seed: 1,
  out: out!,
  format: format as OutputFormat,
  start: Date.UTC(2024, 3, 25),
  days: 7,
  attackRate: 0.03,
});
const seconds = (performance.now() - started) / 1000;
// VmHWM: the process's peak resident set size, in kB.
const peakKb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);
process.stdout.write(
  JSON.stringify({ rows: result.rows, bytes: result.bytes, seconds, peakMb: peakKb / 1024 }),
);
