// The built CLI (bin/vigil.js) run as a shell runs it: its exit code, stdout and stderr.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { CLI, ROOT } from './temp.js';

/** For a beforeAll: rebuilds dist/ when a source is newer than it. */
export function buildCliIfStale(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], { cwd: ROOT });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
