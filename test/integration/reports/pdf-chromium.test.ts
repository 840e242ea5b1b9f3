// `vigil report --format pdf` needs a Chromium on this machine: `--chromium` (or VIGIL_CHROMIUM)
// picks it, and without one the analyst is told how to get it instead of a playwright stack.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerReport } from '../../../src-main/cli/commands/report.js';
import { openDatabase } from '../../../src-main/core/db/open.js';
import { DEFAULT_CHROMIUM } from '../../../src-main/core/reports/chromium.mjs';
import { createCase } from '../../../src-main/core/triage/case-actions.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempDirs } from '../../helpers/temp.js';

const tempDir = createTempDirs();

function databaseWithCase(): { dir: string; dbPath: string } {
  const dir = tempDir();
  const dbPath = path.join(dir, 'v.db');
  const db = openDatabase(dbPath);
  createCase(db, 'ana', {
    title: 'Printable',
    severity: 'low',
    summary: '',
    sessionIds: [],
    ips: ['192.0.2.1'],
  });
  db.close();
  return { dir, dbPath };
}

const pdfReport = (dbPath: string, out: string, ...extra: string[]) =>
  runCli(
    [registerReport],
    ['report', '--db', dbPath, '--case', '1', '--format', 'pdf', '--out', out, ...extra],
  );

describe('PDF reports from the CLI', () => {
  it('explain how to get Chromium when the named one is missing, and write nothing', async () => {
    const { dir, dbPath } = databaseWithCase();
    const out = path.join(dir, 'case.pdf');
    const run = await pdfReport(dbPath, out, '--chromium', path.join(dir, 'no-chromium'));
    expect(run.error?.message).toBe(
      `PDF export needs Chromium: apt-get install chromium, or use the HTML report. (No browser at ${path.join(dir, 'no-chromium')}; --chromium PATH or VIGIL_CHROMIUM names another.)`,
    );
    expect(fs.existsSync(out)).toBe(false);
  });

  it('print with the Chromium that --chromium names', async () => {
    const { dir, dbPath } = databaseWithCase();
    const out = path.join(dir, 'case.pdf');
    const run = await pdfReport(dbPath, out, '--chromium', DEFAULT_CHROMIUM);
    expect(run.error).toBeNull();
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
