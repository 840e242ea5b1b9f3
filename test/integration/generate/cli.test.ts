// `vigil generate` in-process: the command line, its JSON, its stderr note and its errors.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerGenerate } from '../../../src-main/cli/commands/generate.js';
import { LABELS } from '../../../src-main/core/generate/session.js';
import { type CliRun, runCli } from '../../helpers/run-cli.js';
import { tempDirs } from './harness.js';

const tempDir = tempDirs();

function vigil(...args: string[]): Promise<CliRun> {
  return runCli([registerGenerate], args);
}

afterEach(() => vi.restoreAllMocks());

describe('vigil generate', () => {
  it('explains every option, every format and every attack kind in --help', async () => {
    const { stdout } = await vigil('generate', '--help');
    for (const option of [
      '--rows',
      '--seed',
      '--out',
      '--format',
      '--start',
      '--days',
      '--attack-rate',
      '--json',
    ])
      expect(stdout).toContain(option);
    for (const name of ['cloudwatch-csv', 'vpc-flow', 'waf-json', 'labels.csv', ...LABELS.slice(1)])
      expect(stdout).toContain(name);
  });

  it('writes the file, says on stderr that it is synthetic, and prints the result as JSON', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'nested', 'flows.log');
    const { stdout, stderr, error } = await vigil(
      'generate',
      '--rows',
      '3000',
      '--seed',
      '5',
      '--out',
      out,
      '--format',
      'vpc-flow',
      '--start',
      '2024-06-01T00:00:00Z',
      '--days',
      '2',
      '--attack-rate',
      '0.1',
      '--json',
    );
    expect(error).toBeNull();
    expect(stderr).toMatch(/synthetic data/);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      out,
      format: 'vpc-flow',
      rows: 3000,
      seed: 5,
      labelsFile: `${out}.labels.csv`,
    });
    expect(Object.keys(result.labels)).toEqual([...LABELS]);
    expect(3000 - result.labels.benign).toBe(300);
    expect(result.bytes).toBe(fs.statSync(out).size);
    expect(result.start).toBe('2024-06-01T00:00:00.000Z');
    expect(fs.existsSync(`${out}.labels.csv`)).toBe(true);
  });

  it('prints a table of labels without --json', async () => {
    const dir = tempDir();
    const { stdout, stderr } = await vigil(
      'generate',
      '--rows',
      '2000',
      '--seed',
      '1',
      '--out',
      path.join(dir, 'x.csv'),
    );
    expect(stderr).toMatch(/synthetic data/);
    for (const label of LABELS) expect(stdout).toMatch(new RegExp(`^${label} +\\d+$`, 'm'));
  });

  it.each([
    [['--rows', '0'], /--rows/],
    [['--rows', 'many'], /--rows/],
    [['--seed', '-3'], /--seed/],
    [['--format', 'pcap'], /cloudwatch-csv, vpc-flow, waf-json/],
    [['--start', 'yesterday'], /ISO-8601/],
  ])('rejects %j', async (bad, message) => {
    const dir = tempDir();
    const args = ['--rows', '100', '--seed', '1', '--out', path.join(dir, 'x.csv')];
    for (let i = 0; i < bad.length; i += 2) {
      const at = args.indexOf(bad[i]!);
      if (at === -1) args.push(bad[i]!, bad[i + 1]!);
      else args[at + 1] = bad[i + 1]!;
    }
    const { error, stderr } = await vigil('generate', ...args);
    expect(error).not.toBeNull();
    expect(stderr).toMatch(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('needs --rows, --seed and --out', async () => {
    const { error, stderr } = await vigil('generate', '--rows', '10', '--seed', '1');
    expect(error).not.toBeNull();
    expect(stderr).toMatch(/required option '--out <path>'/);
  });
});
