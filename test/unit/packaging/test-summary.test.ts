// `npm test`'s closing line (read by CI) against real Vitest runs of fixture files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { summarise } from '../../../scripts/test-summary.mjs';

const fixtures = path.resolve(__dirname, '../../fixtures/vitest-summary');
const vitest = path.resolve(__dirname, '../../../node_modules/.bin/vitest');

function runVitest(files: string[]) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-summary-')), 'report.json');
  const result = spawnSync(
    vitest,
    ['run', '--root', fixtures, '--reporter=json', `--outputFile.json=${report}`, ...files],
    { encoding: 'utf8' },
  );
  const json = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : null;
  return summarise(json, result.status === 0);
}

describe('npm test summary', () => {
  test('a passing run counts its tests and no failure', () => {
    expect(runVitest(['pass.case.ts'])).toMatchObject({ passed: 1, failed: 0 });
  });

  test('a leaked rejection fails the run although every test passed', () => {
    expect(runVitest(['leak.case.ts'])).toMatchObject({ passed: 1, failed: 1 });
  });

  test('a file that fails at import counts as one failure', () => {
    expect(runVitest(['pass.case.ts', 'import-error.case.ts'])).toMatchObject({ passed: 1, failed: 1 });
  });

  test('failed tests are counted once, not again as a failed file', () => {
    expect(runVitest(['pass.case.ts', 'failing.case.ts'])).toMatchObject({ passed: 2, failed: 1 });
  });
});
